/**
 * A news post's cover photo: the type read from the bytes, metadata stripped (as feedback photos are), stored in R2
 * under news/<province>/<id>/<random>; the cover it replaces is deleted once the post points at the new one.
 */
import type { NewsCover } from "../db/schema";
import { NEWS_COVER_MAX_BYTES } from "../domain/news";
import type { Db, Env } from "../env";
import { ApiError } from "../errors";
import { BadImageError, detectImageType, stripMetadata } from "../media/images";
import { newsNotFound, setNewsCover } from "./news";

export async function uploadNewsCover(db: Db, env: Pick<Env, "MEDIA">, provinceId: string, newsId: string, original: Uint8Array, now: Date) {
  if (original.length === 0) throw new ApiError(400, "cover_missing", "Vui lòng chọn ảnh bìa.", undefined, "the body is the image's bytes");
  if (original.length > NEWS_COVER_MAX_BYTES) {
    throw new ApiError(413, "cover_too_large", "Ảnh bìa tối đa 2 MB. Vui lòng chọn ảnh nhỏ hơn.", undefined, `${original.length} bytes`);
  }
  const type = detectImageType(original);
  if (!type) throw new ApiError(415, "unsupported_photo_type", "Chỉ nhận ảnh JPG, PNG hoặc WebP.", undefined, "not a JPEG, PNG or WebP image");
  let clean: Uint8Array;
  try {
    clean = stripMetadata(original, type);
  } catch (error) {
    if (error instanceof BadImageError) throw new ApiError(415, "unreadable_photo", "Không đọc được ảnh. Vui lòng chọn ảnh khác.", undefined, error.message);
    throw error;
  }
  const random = crypto.randomUUID().replace(/-/g, "");
  const cover: NewsCover = { key: `news/${provinceId}/${newsId}/${random}`, type, bytes: clean.length };
  await env.MEDIA.put(cover.key, clean, { httpMetadata: { contentType: type } });
  const written = await setNewsCover(db, provinceId, newsId, cover, now);
  if (!written) {
    await env.MEDIA.delete(cover.key);
    throw newsNotFound();
  }
  if (written.previous) await env.MEDIA.delete(written.previous.key);
  return written.row;
}
