import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Upload, type UploadFile, type UploadProps } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, uploadFile, type QueryValue } from '../api/client.ts';

/** A stored attachment as `POST /api/v1/attachments` answers it. */
export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  mime?: string;
  url?: string;
}

export interface FileUploadProps {
  /** The upload endpoint (multipart field `file`); default `/api/v1/attachments`. */
  action?: string;
  query?: Record<string, QueryValue>;
  /** The uploaded files (controlled, works as a Form.Item value). */
  value?: UploadedFile[];
  onChange?: (files: UploadedFile[]) => void;
  /** Called once per finished upload. */
  onUploaded?: (file: UploadedFile) => void;
  multiple?: boolean;
  maxCount?: number;
  accept?: string;
  disabled?: boolean;
  /** A large drop zone instead of a button. */
  dragger?: boolean;
  id?: string;
  'aria-label'?: string;
  'data-testid'?: string;
}

function isUploaded(v: unknown): v is UploadedFile {
  return !!v && typeof v === 'object' && 'id' in v && 'name' in v;
}

/**
 * Uploads files one by one with a progress bar each (the api client's XHR upload: session, CSRF, errors).
 * Finished files are the value; failed ones stay in the list with the server's message until removed.
 */
export function FileUpload({
  action = '/api/v1/attachments',
  query,
  value,
  onChange,
  onUploaded,
  multiple = true,
  maxCount,
  accept,
  disabled,
  dragger,
  id,
  'aria-label': ariaLabel,
  'data-testid': testId,
}: FileUploadProps) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<UploadFile[]>([]);
  const valueRef = useRef<UploadedFile[]>(value ?? []);
  valueRef.current = value ?? [];

  const done: UploadFile[] = (value ?? []).map((f) => ({
    uid: f.id,
    name: f.name,
    status: 'done',
    url: f.url ?? `/api/v1/attachments/${f.id}`,
    size: f.size,
  }));

  const customRequest: UploadProps['customRequest'] = ({ file, onProgress, onSuccess, onError }) => {
    const blob = file as File;
    uploadFile<UploadedFile>(action, blob, blob.name, {
      query,
      onProgress: (fraction) => onProgress?.({ percent: Math.round(fraction * 100) }),
    })
      .then(({ body }) => onSuccess?.(body))
      .catch((e: unknown) => {
        const message = isApiError(e) ? e.message : String(e);
        onError?.(new Error(message), t('uikit.upload.failed', { message }));
      });
  };

  const handleChange: UploadProps['onChange'] = ({ file }) => {
    if (file.status === 'done' && isUploaded(file.response)) {
      const uploaded = file.response;
      setPending((list) => list.filter((f) => f.uid !== file.uid));
      onChange?.([...valueRef.current, uploaded]);
      onUploaded?.(uploaded);
      return;
    }
    if (file.status === 'removed') {
      if (valueRef.current.some((f) => f.id === file.uid)) {
        onChange?.(valueRef.current.filter((f) => f.id !== file.uid));
      } else {
        setPending((list) => list.filter((f) => f.uid !== file.uid));
      }
      return;
    }
    setPending((list) => {
      const i = list.findIndex((f) => f.uid === file.uid);
      if (i < 0) return [...list, file];
      const next = [...list];
      next[i] = file;
      return next;
    });
  };

  const atMax = maxCount !== undefined && (value?.length ?? 0) + pending.length >= maxCount;
  const props: UploadProps = {
    id,
    fileList: [...done, ...pending],
    customRequest,
    onChange: handleChange,
    multiple,
    accept,
    disabled,
    showUploadList: { showDownloadIcon: false, showRemoveIcon: !disabled },
  };

  return (
    <div data-testid={testId}>
      {dragger ? (
        <Upload.Dragger {...props} disabled={disabled || atMax}>
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text" aria-label={ariaLabel}>
            {t('uikit.upload.dragHint')}
          </p>
          <p className="ant-upload-hint">{t('uikit.upload.typesHint')}</p>
        </Upload.Dragger>
      ) : (
        <Upload {...props}>
          <Button icon={<UploadOutlined />} disabled={disabled || atMax} aria-label={ariaLabel}>
            {t('uikit.upload.choose')}
          </Button>
        </Upload>
      )}
    </div>
  );
}
