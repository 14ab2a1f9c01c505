import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { zhCN, type Messages as CoreMessages } from './zh-CN.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'magnet.lang';

/**
 * The namespaces outside the core catalogue, each one file with `zh` and `en` (same shape), loaded with the
 * pages that use them (`loadMessages`, called by the routes before a page renders), so that the first
 * download holds only the zh-CN core. A page's namespaces are those its files (and the files they import)
 * use; `router.tsx` declares them next to each page (`namespaces.test.ts` checks the lists).
 */
const NAMESPACES = {
  uikit: () => import('../ui/uikit.messages.ts'),
  notifications: () => import('../modules/notifications/messages.ts'),
  projects: () => import('../modules/projects/messages.ts'),
  enterprises: () => import('../modules/enterprises/messages.ts'),
  reports: () => import('../modules/reports/messages.ts'),
  bulletins: () => import('../modules/bulletins/messages.ts'),
  targets: () => import('../modules/targets/messages.ts'),
  verification: () => import('../modules/verification/messages.ts'),
  assessments: () => import('../modules/assessments/messages.ts'),
  cockpit: () => import('../modules/cockpit/messages.ts'),
};

export type Namespace = keyof typeof NAMESPACES;

type NamespaceMessages = { [K in Namespace]: Awaited<ReturnType<(typeof NAMESPACES)[K]>>['zh'] };

/** Every key `t` knows: the core catalogue and the namespaces (loaded or not yet). */
export type Messages = CoreMessages & NamespaceMessages;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

function storedLanguage(): Language {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function applyLanguage(lang: Language) {
  document.documentElement.lang = lang;
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
}

function addMessages(lang: Language, messages: object) {
  i18n.addResourceBundle(lang, 'translation', messages, true, true);
}

/** The English core catalogue: fetched once, before the first English render (zh-CN is in the bundle). */
let englishCore: Promise<CoreMessages> | null = null;
function fetchEnglishCore(): Promise<CoreMessages> {
  englishCore ??= import('./en.ts').then(
    ({ en }) => en,
    (e: unknown) => {
      englishCore = null;
      throw e;
    },
  );
  return englishCore;
}

const namespaces = new Map<Namespace, Promise<void>>();

/** Loads namespaces (both languages) once; resolves when `t` has them. A failed load is tried again next time. */
export function loadMessages(names: readonly Namespace[]): Promise<void> {
  return Promise.all(
    names.map((ns) => {
      let p = namespaces.get(ns);
      if (!p) {
        p = NAMESPACES[ns]().then(
          ({ zh, en }) => {
            addMessages('zh-CN', { [ns]: zh });
            addMessages('en', { [ns]: en });
          },
          (e: unknown) => {
            namespaces.delete(ns);
            throw e;
          },
        );
        namespaces.set(ns, p);
      }
      return p;
    }),
  ).then(() => undefined);
}

/** The UI language: zh-CN unless the user switched to English (kept in localStorage). */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN';
}

export async function changeLanguage(lang: Language): Promise<void> {
  if (lang === 'en') addMessages('en', await fetchEnglishCore());
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the switch still holds for this page
  }
  applyLanguage(lang);
  await i18n.changeLanguage(lang);
}

function start(en: CoreMessages | null) {
  const lang: Language = en ? 'en' : 'zh-CN';
  applyLanguage(lang);
  void i18n.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, ...(en ? { en: { translation: en } } : {}) },
    lng: lang,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

/**
 * Starts i18next in the stored language; resolves when it can render. zh-CN at once; English once its
 * catalogue is here (zh-CN, the fallback language, if that fails).
 */
export function initI18n(): Promise<void> {
  if (storedLanguage() !== 'en') {
    start(null);
    return Promise.resolve();
  }
  return fetchEnglishCore().then(start, () => start(null));
}
