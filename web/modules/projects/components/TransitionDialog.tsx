import { Alert, App, DatePicker, Descriptions, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from '../../../../shared/enums.ts';
import { todayCst } from '../../../../shared/month.ts';
import {
  PIPELINE,
  beyondScreeningLimit,
  needsEvidence,
  stageIndex,
} from '../../../../shared/schemas/projects.ts';
import { isApiError } from '../../../api/client.ts';
import { useMe } from '../../../app/auth.tsx';
import { FileUpload, type UploadedFile } from '../../../ui/FileUpload.tsx';
import { useTransitionProject } from '../hooks/useProjects.ts';
import type { ProjectDto } from '../types.ts';
import { useScreeningText } from '../utils/labels.ts';
import { StageTag } from './StageTag.tsx';

/** The stage after `s` in the pipeline, or null for `operating` and `dropped`. */
export function nextStage(s: Stage): Stage | null {
  if (s === 'dropped') return null;
  return PIPELINE[stageIndex(s) + 1] ?? null;
}

/** Whether a project may move from `from` to `to` by the one-step rule (the server checks all rules). */
export function isAllowedMove(from: Stage, to: Stage): boolean {
  if (from === 'dropped' || from === to) return false;
  return to === 'dropped' || nextStage(from) === to;
}

interface Values {
  to: Stage;
  date: Dayjs;
  note?: string;
  evidence: UploadedFile[];
  override_reason?: string;
}

export interface TransitionDialogProps {
  project: ProjectDto;
  open: boolean;
  /** The stage the user chose (e.g. the board column a card was dropped on). */
  initialTo?: Stage;
  onClose: () => void;
  onDone?: (project: ProjectDto) => void;
}

/**
 * 阶段变更: next stage or 终止 with a reason; a date not in the future nor before the current stage; evidence
 * from 签约 on; an office override reason when the project is flagged by the screening (生态底线).
 */
export function TransitionDialog({ project, open, initialTo, onClose, onDone }: TransitionDialogProps) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const screeningText = useScreeningText();
  const [form] = Form.useForm<Values>();
  const move = useTransitionProject();
  const [refusal, setRefusal] = useState<string | null>(null);
  const next = nextStage(project.stage);
  const today = todayCst();
  const to = (Form.useWatch('to', form) as Stage | undefined) ?? initialTo ?? next ?? 'dropped';
  const dropping = to === 'dropped';
  const evidenceNeeded = needsEvidence(to);
  const flagged = project.polluting || project.outdated_capacity;
  const overrideNeeded = flagged && !project.screening_override_reason && beyondScreeningLimit(to);
  const mayOverride = me.role === 'office' || me.role === 'admin';
  const what = screeningText(project);

  const handleOk = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setRefusal(null);
    try {
      const res = await move.mutateAsync({
        id: project.id,
        input: {
          to: v.to,
          date: v.date.format('YYYY-MM-DD'),
          note: v.note?.trim() || undefined,
          evidence: v.evidence.length ? v.evidence.map((f) => f.id) : undefined,
          override_reason: overrideNeeded ? v.override_reason?.trim() : undefined,
        },
      });
      void message.success(t('projects.transition.done', { stage: t(`projects.stage.${v.to}`) }));
      onDone?.(res.project);
      onClose();
    } catch (e) {
      setRefusal(isApiError(e) ? e.message : t('errors.unknown'));
    }
  };

  const options = [
    ...(next
      ? [{ value: next, label: t('projects.transition.next', { stage: t(`projects.stage.${next}`) }) }]
      : []),
    { value: 'dropped' as Stage, label: t('projects.transition.drop') },
  ];
  const blocked = project.stage === 'dropped' || (overrideNeeded && !mayOverride);

  return (
    <Modal
      open={open}
      title={t('projects.transition.title', { name: project.name })}
      onOk={handleOk}
      onCancel={onClose}
      okText={t('projects.transition.submit')}
      okButtonProps={{ disabled: blocked, danger: dropping }}
      confirmLoading={move.isPending}
      destroyOnHidden
      width={620}
    >
      {project.stage === 'dropped' ? (
        <Alert type="info" showIcon title={t('projects.transition.final')} />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          name="transition-form"
          initialValues={{
            to: initialTo && isAllowedMove(project.stage, initialTo) ? initialTo : (next ?? 'dropped'),
            date: dayjs(today),
            evidence: [],
          }}
        >
          <Descriptions
            size="small"
            column={2}
            style={{ marginBottom: 12 }}
            items={[
              {
                key: 'current',
                label: t('projects.transition.current'),
                children: (
                  <span>
                    <StageTag stage={project.stage} /> {project.stage_date ?? ''}
                  </span>
                ),
              },
              { key: 'code', label: t('projects.fields.code'), children: project.code },
            ]}
          />
          {!next ? (
            <Alert
              type="info"
              showIcon
              title={t('projects.transition.operating')}
              style={{ marginBottom: 12 }}
            />
          ) : null}
          <Form.Item name="to" label={t('projects.transition.to')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={options}
              onChange={() => setRefusal(null)}
            />
          </Form.Item>
          <Form.Item
            name="date"
            label={t('projects.transition.date')}
            rules={[
              { required: true, message: t('projects.transition.dateRequired') },
              {
                validator: async (_r, d: Dayjs | null) => {
                  if (!d) return;
                  const s = d.format('YYYY-MM-DD');
                  if (s > today) throw new Error(t('projects.transition.dateFuture'));
                  if (project.stage_date && s < project.stage_date)
                    throw new Error(t('projects.transition.dateBeforeCurrent', { date: project.stage_date }));
                },
              },
            ]}
          >
            <DatePicker
              style={{ width: 200 }}
              disabledDate={(d) => {
                const s = d.format('YYYY-MM-DD');
                return s > today || (!!project.stage_date && s < project.stage_date);
              }}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label={dropping ? t('projects.transition.dropReason') : t('projects.transition.note')}
            rules={
              dropping
                ? [{ required: true, whitespace: true, message: t('projects.transition.dropReasonRequired') }]
                : []
            }
          >
            <Input.TextArea
              rows={2}
              maxLength={2000}
              placeholder={t('projects.transition.notePlaceholder')}
            />
          </Form.Item>
          {!dropping ? (
            <Form.Item
              name="evidence"
              label={t('projects.transition.evidence')}
              extra={evidenceNeeded ? undefined : t('projects.transition.evidenceHint')}
              required={evidenceNeeded}
              rules={[
                {
                  validator: async (_r, files: UploadedFile[] | undefined) => {
                    if (evidenceNeeded && !files?.length)
                      throw new Error(
                        t('projects.transition.evidenceRequired', { stage: t(`projects.stage.${to}`) }),
                      );
                  },
                },
              ]}
            >
              <FileUpload aria-label={t('projects.transition.evidence')} data-testid="evidence-upload" />
            </Form.Item>
          ) : null}
          {overrideNeeded ? (
            mayOverride ? (
              <Form.Item
                name="override_reason"
                label={t('projects.transition.overrideReason')}
                extra={t('projects.transition.overrideHint', { what })}
                rules={[
                  { required: true, whitespace: true, message: t('projects.transition.overrideRequired') },
                ]}
              >
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            ) : (
              <Alert type="warning" showIcon title={t('projects.transition.overrideNotAllowed', { what })} />
            )
          ) : null}
          {refusal ? (
            <Alert type="error" showIcon title={refusal} role="alert" style={{ marginTop: 8 }} />
          ) : null}
        </Form>
      )}
    </Modal>
  );
}
