import { lazy, Suspense, useState } from 'react';
import type { ExcelImportDialogProps } from './ExcelImportDialog.tsx';

const ExcelImportDialog = lazy(async () => ({
  default: (await import('./ExcelImportDialog.tsx')).ExcelImportDialog,
}));

/**
 * The Excel import dialog, loaded the first time it opens: a list page paints without it (the dialog and
 * the upload, progress and result components it brings are ~120 kB of script a page does not need until the
 * user asks to import). Once opened it stays mounted, so it closes with its animation and opens again at once.
 */
export function ExcelImport(props: ExcelImportDialogProps) {
  const [wanted, setWanted] = useState(props.open);
  if (props.open && !wanted) setWanted(true);
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <ExcelImportDialog {...props} />
    </Suspense>
  );
}
