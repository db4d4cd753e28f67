/** Where the news read last is kept on the phone (see domain/saved-news.ts). */
import { PROVINCE_ID } from "../../config";

export const NEWS_FEED_KEY = `motcua:${PROVINCE_ID}:news-feed`;
export const NEWS_POST_KEY = `motcua:${PROVINCE_ID}:news-post`;
