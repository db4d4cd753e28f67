/**
 * The home page: the province's channel, one large "Nhập mã hồ sơ" field, a large "Quét mã QR" button, the
 * dossiers looked up on this phone, the way to the procedure guide, the directory and help, and the hotline.
 */
import { lazy, Suspense, useEffect, useState } from "react";
import { useRecoilValueLoadable } from "recoil";
import { HotlineCall } from "../../components/Hotline";
import { BookIcon, ChevronIcon, HelpIcon, MapPinIcon, NewsIcon } from "../../components/icons";
import { CURRENT_PROVINCE } from "../../config";
import { messages } from "../../messages";
import { Link } from "../../navigation";
import { provinceState } from "../../state";
import { AccountLinks } from "./AccountLinks";
import { LookupCard } from "./LookupCard";
import { SavedDossiers } from "./SavedDossiers";

const AlertBanner = lazy(() => import("./AlertBanner"));

export default function HomePage() {
  return (
    <div className="page home">
      <BrandHeader />
      <main className="page-body">
        <LookupCard />
        <AfterFirstPaint />
        <AccountLinks />
        <SavedDossiers />
        <nav className="link-list" aria-label={messages.home.guideLink}>
          <Link to="/news" className="link-row">
            <NewsIcon />
            <span className="link-row-text">
              <span className="link-row-title">{messages.broadcasts.newsLink}</span>
              <span className="link-row-hint">{messages.broadcasts.newsLinkHint}</span>
            </span>
            <ChevronIcon />
          </Link>
          <Link to="/procedures" className="link-row">
            <BookIcon />
            <span className="link-row-text">
              <span className="link-row-title">{messages.home.guideLink}</span>
              <span className="link-row-hint">{messages.home.guideLinkHint}</span>
            </span>
            <ChevronIcon />
          </Link>
          <Link to="/directory" className="link-row">
            <MapPinIcon size={28} />
            <span className="link-row-text">
              <span className="link-row-title">{messages.home.directoryLink}</span>
              <span className="link-row-hint">{messages.home.directoryLinkHint}</span>
            </span>
            <ChevronIcon />
          </Link>
          <Link to="/help" className="link-row">
            <HelpIcon />
            <span className="link-row-text">
              <span className="link-row-title">{messages.home.helpLink}</span>
              <span className="link-row-hint">{messages.home.helpLinkHint}</span>
            </span>
            <ChevronIcon />
          </Link>
          <HotlineCall label={messages.home.hotline} />
        </nav>
      </main>
    </div>
  );
}

/**
 * The emergency banner, fetched once the first screen is painted (it and its words are a separate script). It
 * comes under the code field, never above it: arriving late, it must not move the field under a finger typing.
 */
function AfterFirstPaint() {
  const [painted, setPainted] = useState(false);
  useEffect(() => setPainted(true), []);
  return painted ? (
    <Suspense fallback={null}>
      <AlertBanner />
    </Suspense>
  ) : null;
}

/**
 * The province as known at start (the build's, or the one chosen on this phone) until the API answers (or when it
 * cannot, and nothing is kept on the phone): the header never waits, and its first render is the one index.html
 * painted. "Đổi tỉnh" beside the province's name opens the province picker.
 */
function BrandHeader() {
  const province = useRecoilValueLoadable(provinceState).valueMaybe() ?? CURRENT_PROVINCE;
  const channel = province.channelName;
  useEffect(() => {
    document.title = channel;
  }, [channel]);
  return (
    <header className="brand-header">
      <h1 className="brand-channel">{channel}</h1>
      <div className="brand-province-row">
        {province.name && <p className="brand-province">{province.name}</p>}
        <Link to="/provinces" className="brand-switch">
          {messages.home.switchProvince}
        </Link>
      </div>
      <p className="brand-headline">{messages.home.headline}</p>
    </header>
  );
}
