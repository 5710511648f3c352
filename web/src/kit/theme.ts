// The portal's antd theme: the bureau's blue, and text colours that meet WCAG AA contrast (4.5:1),
// which antd's defaults do not for secondary text (45 % black), links (#1677ff), preset tag text
// (the palette's 7th shade on its 1st), danger buttons (white on #ff4d4f), placeholders (25 % black),
// a hovered link and the off switch's label — the browser tests run axe-core on every page and fail on them.
import type { ThemeConfig } from 'antd';

const PRIMARY = '#1f4e9c';
/** A hovered or pressed link (where the pointer happens to rest when a check runs): 6.7:1 on white. */
const LINK_HOVER = '#1d4ed8';
/** 60 % black: 5.7:1 on white, 5.5:1 on the table header's grey. */
const SECONDARY_TEXT = 'rgba(0, 0, 0, 0.6)';

/**
 * Preset tags write their text in the palette's 7th shade: each colour the portal uses gets a darker
 * one, ≥ 4.5:1 on the tag's light background (antd's own 8th or 9th shade).
 */
const TAG_TEXT = {
  red7: '#a8071a',
  volcano7: '#ad2102',
  orange7: '#ad4e00',
  gold7: '#874d00',
  green7: '#237804',
  blue7: '#003eb3',
  geekblue7: '#10239e',
  purple7: '#391085',
  cyan7: '#006d75',
  magenta7: '#9e1068',
} as const;

export const portalTheme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorLink: PRIMARY,
    colorLinkHover: LINK_HOVER,
    colorLinkActive: LINK_HOVER,
    colorTextPlaceholder: SECONDARY_TEXT,
    // Red 7: 5.9:1 on white, for danger buttons' text and background alike (and error messages).
    colorError: '#cf1322',
    colorTextTertiary: SECONDARY_TEXT,
    colorTextDescription: SECONDARY_TEXT,
  },
  components: {
    // Only the tags: the palette's 7th shades stay as they are elsewhere.
    Tag: TAG_TEXT,
    // The off switch's white label sits on the quaternary text colour (25 % black by default).
    Switch: { colorTextQuaternary: 'rgba(0, 0, 0, 0.55)', colorTextTertiary: 'rgba(0, 0, 0, 0.65)' },
  },
};
