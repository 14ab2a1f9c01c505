import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../app/auth.tsx';
import { useSavedViews, type SavedView } from '../hooks/useSavedViews.ts';
import type { Filters } from '../utils/filters.ts';

export interface SavedViewsProps {
  filters: Filters;
  sort: string | undefined;
  onApply: (view: SavedView) => void;
}

/** 我的视图: named filter + sort sets kept per user in this browser. */
export function SavedViews({ filters, sort, onApply }: SavedViewsProps) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const { views, save, remove } = useSavedViews(me.id);
  const [current, setCurrent] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  const handleApply = (name: string | undefined) => {
    setCurrent(name);
    const v = views.find((x) => x.name === name);
    if (v) onApply(v);
  };
  const handleSave = async () => {
    let name: string;
    try {
      name = (await form.validateFields()).name.trim();
    } catch {
      return;
    }
    save({ name, filters, sort });
    setCurrent(name);
    setSaving(false);
    void message.success(t('projects.savedViews.saved', { name }));
  };
  const handleRemove = (name: string) => {
    remove(name);
    if (current === name) setCurrent(undefined);
    void message.success(t('projects.savedViews.deleted', { name }));
  };

  return (
    <>
      <Space.Compact>
        <Select<string>
          allowClear
          value={current}
          onChange={handleApply}
          placeholder={t('projects.savedViews.placeholder')}
          aria-label={t('projects.savedViews.label')}
          style={{ width: 180 }}
          notFoundContent={t('projects.savedViews.empty')}
          options={views.map((v) => ({ value: v.name, label: v.name }))}
          optionRender={(o) => (
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text ellipsis>{o.label}</Typography.Text>
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={`${t('projects.savedViews.remove')} ${String(o.value)}`}
                onClick={(e) => {
                  e.stopPropagation();
                  handleRemove(String(o.value));
                }}
              />
            </Flex>
          )}
          data-testid="saved-views"
        />
        <Button
          icon={<SaveOutlined />}
          onClick={() => {
            form.setFieldsValue({ name: current ?? '' });
            setSaving(true);
          }}
        >
          {t('projects.savedViews.save')}
        </Button>
      </Space.Compact>
      <Modal
        open={saving}
        title={t('projects.savedViews.saveTitle')}
        onOk={handleSave}
        onCancel={() => setSaving(false)}
        okText={t('common.save')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" name="saved-view" onFinish={handleSave}>
          <Form.Item
            name="name"
            label={t('projects.savedViews.name')}
            extra={t('projects.savedViews.nameHint')}
            rules={[
              { required: true, whitespace: true, message: t('projects.savedViews.nameRequired') },
              { max: 40 },
            ]}
          >
            <Input maxLength={40} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
