import { useMe } from '../../../app/auth.tsx';
import { ReportEntryPage } from './ReportEntryPage.tsx';
import { ReviewQueuePage } from './ReviewQueuePage.tsx';

/** `/reports`: the office reviews the month's queue; a district fills in its own report. */
export function ReportsPage() {
  const me = useMe();
  return me.role === 'office' || me.role === 'admin' ? <ReviewQueuePage /> : <ReportEntryPage />;
}
