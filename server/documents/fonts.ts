import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The CJK serif font embedded (subset) in PDF notices.
 *
 * The official notice fonts (方正小标宋简体, 仿宋_GB2312) are commercial and cannot be shipped; the .docx names
 * them (government PCs have them) and the PDF embeds a freely licensed substitute instead:
 *
 * 1. **Noto Serif SC** (Google, SIL Open Font License 1.1, no reserved font name) from the npm package
 *    `@expo-google-fonts/noto-serif-sc`, a dependency of the project, so a fresh `npm install` is enough. It
 *    ships whole static TrueType fonts (30,920 glyphs each, all of GB 18030's common hanzi, ~14.8 MB per weight),
 *    not unicode-range web subsets. Regular for the body, Bold for the title and headings. pdfkit embeds only
 *    the glyphs used (FontFile2, a few hundred kB per document).
 * 2. Fallback: Debian's `fonts-noto-cjk` (Noto Serif CJK SC in a TrueType collection, same design and licence),
 *    used only if the npm package is missing.
 */
export interface NoticeFontFace {
  /** TTF, OTF or TTC file. */
  path: string;
  /** PostScript name of the face inside a collection (TTC). */
  family?: string;
}

export interface NoticeFonts {
  regular: NoticeFontFace;
  bold: NoticeFontFace;
}

const NPM_PACKAGE = '@expo-google-fonts/noto-serif-sc';
const DEBIAN_DIR = '/usr/share/fonts/opentype/noto';

/** Noto Serif SC from the npm package, or null when it is not installed. */
export function npmNoticeFonts(): NoticeFonts | null {
  const require = createRequire(import.meta.url);
  try {
    return {
      regular: { path: require.resolve(`${NPM_PACKAGE}/400Regular/NotoSerifSC_400Regular.ttf`) },
      bold: { path: require.resolve(`${NPM_PACKAGE}/700Bold/NotoSerifSC_700Bold.ttf`) },
    };
  } catch {
    return null;
  }
}

/** Noto Serif CJK SC from Debian's fonts-noto-cjk, or null when it is not installed. */
export function debianNoticeFonts(): NoticeFonts | null {
  const regular = `${DEBIAN_DIR}/NotoSerifCJK-Regular.ttc`;
  const bold = `${DEBIAN_DIR}/NotoSerifCJK-Bold.ttc`;
  if (!fs.existsSync(regular) || !fs.existsSync(bold)) return null;
  return {
    regular: { path: regular, family: 'NotoSerifCJKsc-Regular' },
    bold: { path: bold, family: 'NotoSerifCJKsc-Bold' },
  };
}

let cached: NoticeFonts | undefined;

/** The fonts PDF notices embed: the npm package, else Debian's; throws with the fix when neither is there. */
export function noticeFonts(): NoticeFonts {
  if (cached) return cached;
  const found = npmNoticeFonts() ?? debianNoticeFonts();
  if (!found) {
    throw new Error(
      `no CJK serif font for PDF documents: run \`npm install\` (it brings ${NPM_PACKAGE}) ` +
        'or install Debian fonts-noto-cjk',
    );
  }
  cached = found;
  return found;
}

const fileCache = new Map<string, Buffer>();

/** The font file's bytes, read once per process (a CJK font is ~15 MB; reading it per document is wasteful). */
export function fontBytes(face: NoticeFontFace): Buffer {
  let bytes = fileCache.get(face.path);
  if (!bytes) {
    bytes = fs.readFileSync(face.path);
    fileCache.set(face.path, bytes);
  }
  return bytes;
}
