import { ArrowLeftOutlined, CheckOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Result,
  Row,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { INTERVIEW_STATUSES, type InterviewStatus } from '../../../../shared/schemas/assessments.ts';
import { useMe } from '../../../app/auth.tsx';
import { useApiError } from '../../../ui/apiErrors.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { INTERVIEW_COLOR } from '../components/InterviewsTab.tsx';
import { ReasonTags } from '../components/Tags.tsx';
import {
  useAddRectification,
  useInterview,
  useUpdateInterview,
  type InterviewPatch,
} from '../hooks/useAssessments.ts';
import type { RectificationItem } from '../types.ts';
import { periodLabel } from '../utils.ts';

interface CaseValues {
  interview_date: Dayjs | null;
  location: string | null;
  interviewer: string | null;
  interviewee: string | null;
  participants: string | null;
  minutes: string | null;
  follow_up: string | null;
}

interface RectValues {
  title: string;
  deadline: Dayjs;
  description?: string;
}

const NEXT: Partial<Record<InterviewStatus, InterviewStatus>> = {
  planned: 'held',
  rectifying: 'closed',
  held: 'closed',
};

/** One interview case (约谈): the record, the rectification list and the follow-up. */
export function InterviewPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const { handleFormError, showError } = useApiError();
  const detail = useInterview(id);
  const update = useUpdateInterview();
  const addRect = useAddRectification();
  const [form] = Form.useForm<CaseValues>();
  const [rectForm] = Form.useForm<RectValues>();
  const canEdit = me.role === 'admin' || me.role === 'office';

  useEffect(() => {
    const c = detail.data;
    if (!c) return;
    form.setFieldsValue({
      interview_date: c.interview_date ? dayjs(c.interview_date) : null,
      location: c.location,
      interviewer: c.interviewer,
      interviewee: c.interviewee,
      participants: c.participants,
      minutes: c.minutes,
      follow_up: c.follow_up,
    });
  }, [detail.data, form]);

  if (detail.isLoading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (detail.isError || !detail.data) return <Result status="404" title={t('ui.notFoundTitle')} />;
  const c = detail.data;
  const closed = c.status === 'closed';

  const patchOf = (v: CaseValues): InterviewPatch => ({
    version: c.version,
    interview_date: v.interview_date ? v.interview_date.format('YYYY-MM-DD') : null,
    location: v.location || null,
    interviewer: v.interviewer || null,
    interviewee: v.interviewee || null,
    participants: v.participants || null,
    minutes: v.minutes || null,
    follow_up: v.follow_up || null,
  });

  const handleSave = async (status?: InterviewStatus) => {
    try {
      const v = await form.validateFields();
      await update.mutateAsync({ id: c.id, patch: { ...patchOf(v), ...(status ? { status } : {}) } });
      void message.success(t('assessments.interviews.saved'));
    } catch (e) {
      if (e && typeof e === 'object' && 'errorFields' in e) return;
      handleFormError(form, e);
    }
  };

  const handleAddRect = async (v: RectValues) => {
    try {
      await addRect.mutateAsync({
        id: c.id,
        title: v.title,
        deadline: v.deadline.format('YYYY-MM-DD'),
        description: v.description,
      });
      rectForm.resetFields();
      void message.success(t('common.created'));
    } catch (e) {
      showError(e);
    }
  };

  const next = NEXT[c.status];
  const stepIndex = INTERVIEW_STATUSES.indexOf(c.status);

  return (
    <>
      <PageHeader
        title={
          <Space>
            <Link to="/assessments?tab=interviews" aria-label={t('assessments.interviews.back')}>
              <ArrowLeftOutlined />
            </Link>
            {t('assessments.interviews.case', {
              region: c.region_name ?? c.region,
              period: periodLabel(c.period, i18n.language),
            })}
            <Tag color={INTERVIEW_COLOR[c.status]}>{t(`assessments.interviews.status.${c.status}`)}</Tag>
          </Space>
        }
        extra={
          canEdit && !closed ? (
            <>
              <Button
                icon={<SaveOutlined />}
                onClick={() => handleSave()}
                loading={update.isPending}
                data-testid="interview-save"
              >
                {t('assessments.interviews.save')}
              </Button>
              {next ? (
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  onClick={() => handleSave(next)}
                  loading={update.isPending}
                  data-testid={`interview-${next}`}
                >
                  {next === 'held'
                    ? t('assessments.interviews.markHeld')
                    : t('assessments.interviews.markClosed')}
                </Button>
              ) : null}
            </>
          ) : null
        }
      />
      <Flex vertical gap={12}>
        <Card size="small">
          <Steps
            size="small"
            current={stepIndex}
            items={INTERVIEW_STATUSES.map((s) => ({ title: t(`assessments.interviews.status.${s}`) }))}
          />
        </Card>
        <Row gutter={12}>
          <Col span={9}>
            <Card size="small" style={{ height: '100%' }}>
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'region', label: t('assessments.region'), children: c.region_name ?? c.region },
                  {
                    key: 'period',
                    label: t('assessments.period'),
                    children: (
                      <Link to={`/assessments/runs/${c.run_id}`}>{periodLabel(c.period, i18n.language)}</Link>
                    ),
                  },
                  {
                    key: 'score',
                    label: t('assessments.score'),
                    children: c.result
                      ? t('assessments.interviews.scoreRank', { score: c.result.score, rank: c.result.rank })
                      : '—',
                  },
                  {
                    key: 'reasons',
                    label: t('assessments.interviews.reasons'),
                    children: <ReasonTags reasons={c.reasons} />,
                  },
                  {
                    key: 'breakdown',
                    label: '',
                    children: (
                      <Link to={`/assessments/runs/${c.run_id}/regions/${c.region}`}>
                        {t('assessments.breakdown.title', { name: c.region_name ?? c.region })}
                      </Link>
                    ),
                  },
                ]}
              />
            </Card>
          </Col>
          <Col span={15}>
            <Card size="small">
              <Form<CaseValues> form={form} layout="vertical" disabled={!canEdit || closed}>
                <Row gutter={12}>
                  <Col span={8}>
                    <Form.Item
                      name="interview_date"
                      label={t('assessments.interviews.date')}
                      style={{ marginBottom: 8 }}
                    >
                      <DatePicker style={{ width: '100%' }} data-testid="interview-date" />
                    </Form.Item>
                  </Col>
                  <Col span={16}>
                    <Form.Item
                      name="location"
                      label={t('assessments.interviews.location')}
                      style={{ marginBottom: 8 }}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item
                      name="interviewer"
                      label={t('assessments.interviews.interviewer')}
                      style={{ marginBottom: 8 }}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item
                      name="interviewee"
                      label={t('assessments.interviews.interviewee')}
                      style={{ marginBottom: 8 }}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col span={24}>
                    <Form.Item
                      name="participants"
                      label={t('assessments.interviews.participants')}
                      style={{ marginBottom: 8 }}
                    >
                      <Input maxLength={2000} />
                    </Form.Item>
                  </Col>
                  <Col span={24}>
                    <Form.Item
                      name="minutes"
                      label={t('assessments.interviews.minutes')}
                      style={{ marginBottom: 8 }}
                    >
                      <Input.TextArea
                        autoSize={{ minRows: 3, maxRows: 8 }}
                        maxLength={20000}
                        data-testid="interview-minutes"
                      />
                    </Form.Item>
                  </Col>
                  <Col span={24}>
                    <Form.Item
                      name="follow_up"
                      label={t('assessments.interviews.followUp')}
                      style={{ marginBottom: 0 }}
                    >
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={4000} />
                    </Form.Item>
                  </Col>
                </Row>
              </Form>
            </Card>
          </Col>
        </Row>
        <Card
          size="small"
          title={t('assessments.interviews.rectifications')}
          extra={
            <Link to="/verification?tab=rectifications">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('assessments.interviews.workOn')}
              </Typography.Text>
            </Link>
          }
        >
          {canEdit && !closed ? (
            <Form<RectValues>
              form={rectForm}
              layout="inline"
              onFinish={handleAddRect}
              style={{ marginBottom: 10 }}
            >
              <Form.Item
                name="title"
                rules={[{ required: true, max: 200, message: t('assessments.interviews.rectTitleRequired') }]}
              >
                <Input
                  placeholder={t('assessments.interviews.rectTitle')}
                  style={{ width: 260 }}
                  data-testid="rect-title"
                />
              </Form.Item>
              <Form.Item name="description">
                <Input placeholder={t('assessments.interviews.rectDescription')} style={{ width: 280 }} />
              </Form.Item>
              <Form.Item
                name="deadline"
                rules={[{ required: true, message: t('assessments.interviews.deadlineRequired') }]}
              >
                <DatePicker
                  placeholder={t('assessments.interviews.deadline')}
                  disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
                  data-testid="rect-deadline"
                />
              </Form.Item>
              <Button
                htmlType="submit"
                icon={<PlusOutlined />}
                loading={addRect.isPending}
                data-testid="rect-add"
              >
                {t('assessments.interviews.addRectification')}
              </Button>
            </Form>
          ) : null}
          <Table<RectificationItem>
            size="small"
            rowKey="id"
            dataSource={c.rectification_items}
            pagination={false}
            data-testid="rect-table"
            columns={[
              { title: t('assessments.interviews.rectTitle'), dataIndex: 'title' },
              {
                title: t('assessments.interviews.rectDescription'),
                dataIndex: 'description',
                render: (v) => v ?? '—',
              },
              {
                title: t('assessments.interviews.owner'),
                dataIndex: 'owner_unit_name',
                width: 180,
                render: (v) => v ?? '—',
              },
              {
                title: t('assessments.interviews.deadline'),
                dataIndex: 'deadline',
                width: 130,
                render: (v: string, r) => (
                  <Space size={4}>
                    {v}
                    {r.overdue ? <Tag color="red">{t('assessments.interviews.overdue')}</Tag> : null}
                  </Space>
                ),
              },
              {
                title: t('assessments.status'),
                dataIndex: 'status',
                width: 100,
                render: (s: RectificationItem['status']) => (
                  <Tag color={s === 'done' ? 'green' : s === 'submitted' ? 'blue' : 'orange'}>
                    {t(`assessments.interviews.rectStatus.${s}`)}
                  </Tag>
                ),
              },
            ]}
          />
        </Card>
      </Flex>
    </>
  );
}
