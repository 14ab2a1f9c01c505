import { FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildUrl } from '../../../api/client.ts';
import { useDownload } from '../../../ui/download.ts';
import { ExcelImport } from '../../../ui/ExcelImport.tsx';
import { useInvalidateCapital } from '../hooks/useReports.ts';

export interface CapitalImportProps {
  region: string;
  month: string;
  /** Unsaved grid edits: an import would land under them, so it waits until they are saved or discarded. */
  dirty: boolean;
}

/**
 * 下载导入模板 and 导入 Excel for the entry grid: the template lists the region's live projects for the
 * month (`GET /api/v1/capital-entries/import-template.xlsx`), the import writes all rows or none
 * (`POST /api/v1/capital-entries/import`); afterwards the grid, the report and the queue are fetched again.
 */
export function CapitalImport({ region, month, dirty }: CapitalImportProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { download, busy } = useDownload();
  const invalidate = useInvalidateCapital();
  const [importing, setImporting] = useState(false);
  const templatePath = buildUrl('/api/v1/capital-entries/import-template.xlsx', { region, month });
  const templateName = t('reports.import.templateName', { month });

  const handleImport = () => {
    if (dirty) {
      void message.warning(t('reports.import.saveFirst'));
      return;
    }
    setImporting(true);
  };

  return (
    <>
      <Button
        icon={<FileExcelOutlined />}
        loading={busy === templatePath}
        onClick={() => void download(templatePath, templateName)}
        data-testid="capital-template"
      >
        {t('reports.import.template')}
      </Button>
      <Button icon={<UploadOutlined />} onClick={handleImport} data-testid="capital-import">
        {t('reports.import.import')}
      </Button>
      {importing ? (
        <ExcelImport
          open
          title={t('reports.import.title', { month })}
          importPath="/api/v1/capital-entries/import"
          templatePath={templatePath}
          templateName={templateName}
          hint={t('reports.import.hint')}
          onClose={() => setImporting(false)}
          onImported={() => void invalidate()}
        />
      ) : null}
    </>
  );
}
