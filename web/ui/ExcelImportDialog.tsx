import { DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Progress, Result, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, uploadFile } from '../api/client.ts';
import { useDownload } from './download.ts';
import { JobProgress, type Job } from './JobProgress.tsx';
import { VirtualTable, type VirtualColumn } from './VirtualTable.tsx';

/** One problem of an import, as the API reports it (`details.errors`). */
export interface ImportProblem {
  row: number;
  column: string | null;
  header: string | null;
  field?: string | null;
  message: string;
}

/** What a successful import reports. */
export interface ImportSummary {
  created: number;
  updated: number;
  enterprises_created?: number;
  total: number;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; percent: number }
  | { kind: 'job'; jobId: string }
  | { kind: 'success'; summary: ImportSummary }
  | { kind: 'errors'; errors: ImportProblem[]; count: number; fileUrl: string | null }
  | { kind: 'failed'; message: string };

export interface ExcelImportDialogProps {
  open: boolean;
  title: string;
  /** `POST` endpoint taking multipart `file`: 200 summary, 202 `{job_id}`, 422 with `details.errors`. */
  importPath: string;
  /** `GET` endpoint of the template workbook. */
  templatePath: string;
  templateName: string;
  /** What to tell about this template (default: the general hint on templates and all-or-nothing checks). */
  hint?: string;
  onClose: () => void;
  /** Called after a successful import (refresh lists). */
  onImported?: (summary: ImportSummary) => void;
}

function isSummary(v: unknown): v is ImportSummary {
  return !!v && typeof v === 'object' && 'created' in v && 'updated' in v;
}

function problemsOf(v: unknown): ImportProblem[] | null {
  if (!v || typeof v !== 'object' || !('errors' in v)) return null;
  const errors = (v as { errors: unknown }).errors;
  return Array.isArray(errors) ? (errors as ImportProblem[]) : null;
}

function countOf(v: unknown, fallback: number): number {
  const n =
    v && typeof v === 'object' && 'error_count' in v ? (v as { error_count: unknown }).error_count : null;
  return typeof n === 'number' ? n : fallback;
}

/**
 * Excel import with the whole story: template download, upload with progress, a job progress bar for big
 * files, then the result — counts, or every error by row and column with the marked workbook to download.
 */
export function ExcelImportDialog({
  open,
  title,
  importPath,
  templatePath,
  templateName,
  hint,
  onClose,
  onImported,
}: ExcelImportDialogProps) {
  const { t } = useTranslation();
  const { download, busy } = useDownload();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });

  const succeed = (summary: ImportSummary) => {
    setPhase({ kind: 'success', summary });
    onImported?.(summary);
  };

  const handleFile = async (file: File) => {
    setPhase({ kind: 'uploading', percent: 0 });
    try {
      const { status, body } = await uploadFile<unknown>(importPath, file, file.name, {
        onProgress: (f) => setPhase({ kind: 'uploading', percent: Math.round(f * 100) }),
      });
      if (status === 202 && body && typeof body === 'object' && 'job_id' in body) {
        setPhase({ kind: 'job', jobId: String((body as { job_id: unknown }).job_id) });
      } else if (isSummary(body)) {
        succeed(body);
      } else {
        setPhase({ kind: 'failed', message: t('errors.unknown') });
      }
    } catch (e) {
      const errors = isApiError(e) ? problemsOf(e.details) : null;
      if (isApiError(e) && errors) {
        const d = e.details as { error_file?: unknown };
        setPhase({
          kind: 'errors',
          errors,
          count: countOf(e.details, errors.length),
          fileUrl: typeof d.error_file === 'string' ? d.error_file : null,
        });
      } else {
        setPhase({ kind: 'failed', message: isApiError(e) ? e.message : t('errors.unknown') });
      }
    }
  };

  const handleJobFinish = (job: Job) => {
    if (job.status === 'done' && isSummary(job.result)) {
      succeed(job.result);
      return;
    }
    const errors = problemsOf(job.result);
    if (errors) {
      setPhase({
        kind: 'errors',
        errors,
        count: countOf(job.result, errors.length),
        fileUrl: job.file?.url ?? null,
      });
    } else {
      setPhase({ kind: 'failed', message: job.message ?? t('errors.unknown') });
    }
  };

  const handleClose = () => {
    if (phase.kind === 'uploading') return;
    setPhase({ kind: 'idle' });
    onClose();
  };

  const columns: VirtualColumn<ImportProblem>[] = [
    { key: 'row', title: t('uikit.excelImport.row'), width: 64, align: 'right', render: (p) => p.row },
    { key: 'column', title: t('uikit.excelImport.column'), width: 56, render: (p) => p.column ?? '—' },
    { key: 'header', title: t('uikit.excelImport.header'), width: 180, render: (p) => p.header ?? '—' },
    { key: 'message', title: t('uikit.excelImport.message'), render: (p) => p.message },
  ];

  const chooser = (
    <Upload.Dragger
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      multiple={false}
      showUploadList={false}
      beforeUpload={(file) => {
        void handleFile(file);
        return false;
      }}
      data-testid="import-file"
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{t('uikit.excelImport.choose')}</p>
    </Upload.Dragger>
  );

  let body;
  switch (phase.kind) {
    case 'idle':
      body = chooser;
      break;
    case 'uploading':
      body = (
        <div role="status">
          <Typography.Text>{t('uikit.excelImport.uploading')}</Typography.Text>
          <Progress percent={phase.percent} status="active" />
          {phase.percent >= 100 ? (
            <Typography.Text type="secondary">{t('uikit.excelImport.validating')}</Typography.Text>
          ) : null}
        </div>
      );
      break;
    case 'job':
      body = <JobProgress jobId={phase.jobId} onFinish={handleJobFinish} />;
      break;
    case 'success':
      body = (
        <Result
          status="success"
          title={t('uikit.excelImport.success')}
          subTitle={
            <span data-testid="import-summary">
              {t('uikit.excelImport.summary', {
                total: phase.summary.total,
                created: phase.summary.created,
                updated: phase.summary.updated,
              })}
              {phase.summary.enterprises_created
                ? `；${t('uikit.excelImport.enterprisesCreated', { count: phase.summary.enterprises_created })}`
                : ''}
            </span>
          }
        />
      );
      break;
    case 'errors':
      body = (
        <Flex vertical gap={12}>
          <Alert
            type="error"
            showIcon
            title={t('uikit.excelImport.errorsTitle', { count: phase.count })}
            description={
              phase.count > phase.errors.length
                ? t('uikit.excelImport.errorsTruncated', { shown: phase.errors.length, count: phase.count })
                : t('uikit.excelImport.errorsHint')
            }
          />
          <VirtualTable<ImportProblem>
            rows={phase.errors}
            columns={columns}
            rowKey={(p, i) => `${p.row}-${p.column ?? ''}-${i}`}
            height={300}
            aria-label={t('uikit.excelImport.errorsTitle', { count: phase.count })}
            data-testid="import-errors"
          />
        </Flex>
      );
      break;
    case 'failed':
      body = <Result status="error" title={t('uikit.excelImport.failedTitle')} subTitle={phase.message} />;
      break;
  }

  const errorFile = phase.kind === 'errors' ? phase.fileUrl : null;
  const footer = (
    <Space wrap>
      {errorFile ? (
        <Button
          icon={<DownloadOutlined />}
          loading={busy === errorFile}
          onClick={() => void download(errorFile, `${templateName}-错误.xlsx`)}
        >
          {t('uikit.excelImport.downloadErrors')}
        </Button>
      ) : null}
      {phase.kind === 'errors' || phase.kind === 'failed' || phase.kind === 'success' ? (
        <Button onClick={() => setPhase({ kind: 'idle' })}>{t('uikit.excelImport.again')}</Button>
      ) : null}
      <Button type="primary" onClick={handleClose} disabled={phase.kind === 'uploading'}>
        {t('common.close')}
      </Button>
    </Space>
  );

  return (
    <Modal open={open} title={title} onCancel={handleClose} footer={footer} width={760} destroyOnHidden>
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center" gap={12}>
          <Typography.Text type="secondary" style={{ flex: 1 }}>
            {hint ?? t('uikit.excelImport.templateHint')}
          </Typography.Text>
          <Button
            icon={<FileExcelOutlined />}
            loading={busy === templatePath}
            onClick={() => void download(templatePath, templateName)}
          >
            {t('uikit.excelImport.template')}
          </Button>
        </Flex>
        {body}
      </Flex>
    </Modal>
  );
}
