import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDownload } from '../../../ui/download.ts';
import { ExcelImport } from '../../../ui/ExcelImport.tsx';

/**
 * Excel out and in for a year's targets (the export is also the import template), for the targets page:
 * `GET /api/v1/targets/export.xlsx?year=`, `POST /api/v1/targets/import?year=` (all or nothing, audited).
 */
export function TargetsExcel({ year, canImport }: { year: number; canImport: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { download, busy } = useDownload();
  const [importing, setImporting] = useState(false);
  const exportPath = `/api/v1/targets/export.xlsx?year=${year}`;
  return (
    <>
      <Button
        icon={<DownloadOutlined />}
        loading={busy === exportPath}
        onClick={() => download(exportPath, `${year}年度目标.xlsx`)}
        data-testid="targets-export"
      >
        {t('assessments.targetsExcel.export')}
      </Button>
      {canImport ? (
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="targets-import">
          {t('assessments.targetsExcel.import')}
        </Button>
      ) : null}
      {importing ? (
        <ExcelImport
          open
          title={t('assessments.targetsExcel.importTitle', { year })}
          importPath={`/api/v1/targets/import?year=${year}`}
          templatePath={exportPath}
          templateName={`${year}年度目标.xlsx`}
          onClose={() => setImporting(false)}
          onImported={() => void queryClient.invalidateQueries({ queryKey: ['targets'] })}
        />
      ) : null}
    </>
  );
}
