/** Inline icons: zmp-ui's icon font comes from Zalo's CDN, which a weak or absent network may not deliver. */
type IconProps = { size?: number };

const svg = (size: number, children: React.ReactNode) => (
  <svg
    width={size}
    height={size}
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth={2}
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    {children}
  </svg>
);

export const QrIcon = ({ size = 28 }: IconProps) =>
  svg(
    size,
    <>
      <rect x="3" y="3" width="7" height="7" rx="1" />
      <rect x="14" y="3" width="7" height="7" rx="1" />
      <rect x="3" y="14" width="7" height="7" rx="1" />
      <path d="M14 14h3v3h-3zM20 14v.01M14 20h.01M17 20h4v-3" />
    </>,
  );

export const BackIcon = ({ size = 24 }: IconProps) => svg(size, <path d="M15 18l-6-6 6-6" />);

export const ChevronIcon = ({ size = 22 }: IconProps) => svg(size, <path d="M9 18l6-6-6-6" />);

export const SearchIcon = ({ size = 24 }: IconProps) =>
  svg(
    size,
    <>
      <circle cx="11" cy="11" r="7" />
      <path d="M21 21l-4.3-4.3" />
    </>,
  );

export const BookIcon = ({ size = 28 }: IconProps) =>
  svg(
    size,
    <>
      <path d="M4 19.5V5a2 2 0 0 1 2-2h14v16H6a2 2 0 0 0-2 2z" />
      <path d="M8 7h8M8 11h6" />
    </>,
  );

export const NewsIcon = ({ size = 28 }: IconProps) => svg(size, <path d="M4 5h13v14H6a2 2 0 0 1-2-2zM17 9h3v8a2 2 0 0 1-4 0M8 9h5M8 13h5" />);

export const HelpIcon = ({ size = 28 }: IconProps) =>
  svg(
    size,
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14M12 17.5v.01" />
    </>,
  );

export const PhoneIcon = ({ size = 24 }: IconProps) =>
  svg(size, <path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z" />);

export const OfflineIcon = ({ size = 24 }: IconProps) =>
  svg(
    size,
    <>
      <path d="M2 8.8a15 15 0 0 1 4.2-2.6M22 8.8A15 15 0 0 0 10 5.1M5 12.5a10 10 0 0 1 3.5-2M19 12.5a10 10 0 0 0-2.4-1.6M8.5 16a5 5 0 0 1 7 0M12 20h.01" />
      <path d="M3 3l18 18" />
    </>,
  );

export const LockIcon = ({ size = 24 }: IconProps) =>
  svg(
    size,
    <>
      <rect x="4" y="11" width="16" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </>,
  );

export const MapPinIcon = ({ size = 24 }: IconProps) =>
  svg(
    size,
    <>
      <path d="M12 21s-7-6.1-7-11.5A7 7 0 0 1 19 9.5C19 14.9 12 21 12 21z" />
      <circle cx="12" cy="9.5" r="2.5" />
    </>,
  );

export const DirectionsIcon = ({ size = 24 }: IconProps) =>
  svg(
    size,
    <>
      <path d="M12 2.5l9.5 9.5-9.5 9.5L2.5 12z" />
      <path d="M9 14v-3h5.5M12.5 8.5l2 2.5-2 2.5" />
    </>,
  );

export const ClockIcon = ({ size = 24 }: IconProps) =>
  svg(
    size,
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </>,
  );
