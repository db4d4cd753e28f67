/**
 * The home page: the province's channel, one large "Nhập mã hồ sơ" field, a large "Quét mã QR" button, the
 * dossiers looked up on this phone, the way to the procedure guide, the directory and help, and the hotline.
 */
import { Suspense, useEffect } from "react";
import { useRecoilValue } from "recoil";
import { HotlineCall } from "../../components/Hotline";
import { BookIcon, ChevronIcon, HelpIcon, MapPinIcon } from "../../components/icons";
import { SkeletonBlock } from "../../components/Skeleton";
import { messages } from "../../messages";
import { Link } from "../../navigation";
import { provinceState } from "../../state";
import { AccountLinks } from "./AccountLinks";
import { LookupCard } from "./LookupCard";
import { SavedDossiers } from "./SavedDossiers";

export default function HomePage() {
  return (
    <div className="page home">
      <Suspense fallback={<BrandHeaderSkeleton />}>
        <BrandHeader />
      </Suspense>
      <main className="page-body">
        <LookupCard />
        <AccountLinks />
        <SavedDossiers />
        <nav className="link-list" aria-label={messages.home.guideLink}>
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

function BrandHeader() {
  const province = useRecoilValue(provinceState);
  const channel = province?.channelName ?? messages.home.fallbackChannel;
  useEffect(() => {
    document.title = channel;
  }, [channel]);
  return (
    <header className="brand-header">
      <h1 className="brand-channel">{channel}</h1>
      {province && <p className="brand-province">{province.name}</p>}
      <p className="brand-headline">{messages.home.headline}</p>
    </header>
  );
}

function BrandHeaderSkeleton() {
  return (
    <header className="brand-header" aria-busy="true">
      <SkeletonBlock height={30} width="75%" />
      <SkeletonBlock height={20} width="45%" />
      <p className="brand-headline">{messages.home.headline}</p>
    </header>
  );
}
