/** /help — finding the code, scanning, why the ID digits are asked, offline use, the directory and the hotline. */
import { type ReactNode, Suspense } from "react";
import { useRecoilValue, useRecoilValueLoadable } from "recoil";
import { ChevronIcon } from "../../components/icons";
import { Page } from "../../components/Page";
import { CallLink } from "../../components/CallLink";
import { SkeletonBlock } from "../../components/Skeleton";
import { CURRENT_PROVINCE } from "../../config";
import { messages } from "../../messages";
import { Link } from "../../navigation";
import { provinceState } from "../../state";

/**
 * The way to the transparency page. Its words are here rather than with that page's: importing them from there
 * would make them a chunk of their own, one more name in the first screen's script.
 */
const transparencyMessages = {
  helpTitle: "Kết quả phục vụ của tỉnh",
  helpBody: "Ông/bà có thể xem tỷ lệ hồ sơ được giải quyết đúng hạn và mức độ hài lòng của người dân với từng cơ quan.",
  link: "Công khai kết quả giải quyết hồ sơ",
} as const;

/** The way to the province picker, its words here for the same reason. */
const provinceChoiceMessages = {
  title: "Tỉnh, thành phố",
  current: (name: string) => `Ông/bà đang xem thông tin của ${name}.`,
  body: "Nếu nộp hồ sơ ở tỉnh, thành phố khác, ông/bà chọn lại tại đây.",
  link: "Đổi tỉnh, thành phố",
} as const;

/** A topic whose answer is another page: its title, what it is for, and the row that opens it. */
function LinkCard({ title, to, link, children }: { title: string; to: string; link: string; children: ReactNode }) {
  return (
    <section className="card">
      <h2 className="card-title">{title}</h2>
      <p>{children}</p>
      <Link to={to} className="link-row">
        <span className="link-row-text">
          <span className="link-row-title">{link}</span>
        </span>
        <ChevronIcon />
      </Link>
    </section>
  );
}

export default function HelpPage() {
  const m = messages.help;
  const topics = [
    [m.findCodeTitle, m.findCodeBody],
    [m.scanTitle, m.scanBody],
    [m.whyIdTitle, m.whyIdBody],
    [m.offlineTitle, m.offlineBody],
  ] as const;
  return (
    <Page title={m.title}>
      {topics.map(([title, body]) => (
        <section key={title} className="card">
          <h2 className="card-title">{title}</h2>
          <p>{body}</p>
        </section>
      ))}
      <LinkCard title={messages.account.staffLink} to="/staff" link={messages.account.staffLink}>
        {messages.account.staffLinkHint}
      </LinkCard>
      <LinkCard title={provinceChoiceMessages.title} to="/provinces" link={provinceChoiceMessages.link}>
        <CurrentProvince /> {provinceChoiceMessages.body}
      </LinkCard>
      <LinkCard title={m.directoryTitle} to="/directory" link={messages.directory.title}>
        {m.directoryBody}
      </LinkCard>
      <LinkCard title={transparencyMessages.helpTitle} to="/transparency" link={transparencyMessages.link}>
        {transparencyMessages.helpBody}
      </LinkCard>
      <section className="card">
        <h2 className="card-title">{m.hotlineTitle}</h2>
        <Suspense fallback={<SkeletonBlock height={48} />}>
          <Hotline />
        </Suspense>
      </section>
    </Page>
  );
}

/** The province's name as the API gives it, else as known at start; nothing when neither knows it. */
function CurrentProvince() {
  const name = useRecoilValueLoadable(provinceState).valueMaybe()?.name ?? CURRENT_PROVINCE.name;
  return name ? provinceChoiceMessages.current(name) : null;
}

function Hotline() {
  const hotline = useRecoilValue(provinceState)?.hotline;
  const m = messages.help;
  if (!hotline) return <p>{m.noHotline}</p>;
  return (
    <>
      <p>{m.hotlineBody}</p>
      <CallLink phone={hotline} label={m.call(hotline)} variant="primary" />
    </>
  );
}
