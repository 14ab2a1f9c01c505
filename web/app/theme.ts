import type { ThemeConfig } from 'antd';

/**
 * The antd theme of the whole app. Kept apart from the providers so that the build (vite.config.ts) renders
 * antd's styles with the same tokens: the class hashes of the static style sheet must match the browser's.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fbf',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px', siderBg: '#0f2847' },
    Menu: {
      darkItemBg: '#0f2847',
      darkSubMenuItemBg: '#0b1f38',
      darkItemSelectedBg: '#1f5fbf',
      itemHeight: 36,
      itemMarginBlock: 2,
    },
  },
};
