import { SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Card, Form, Space, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface FilterBarProps<T extends object> {
  form: FormInstance<T>;
  initialValues?: Partial<T>;
  /** Called with the form's values on 查询 and on Enter. */
  onSearch: (values: T) => void;
  /** Called after the fields are reset to their initial values. */
  onReset?: (values: T) => void;
  /** Called as fields change (filters that apply without 查询). */
  onValuesChange?: (changed: Partial<T>, values: T) => void;
  /** The filter fields (`Form.Item`s). */
  children: ReactNode;
}

/** A row of filter fields with 查询/重置 above a table. */
export function FilterBar<T extends object>({
  form,
  initialValues,
  onSearch,
  onReset,
  onValuesChange,
  children,
}: FilterBarProps<T>) {
  const { t } = useTranslation();

  const handleFinish = (values: T) => onSearch(values);
  const handleReset = () => {
    form.resetFields();
    const values = form.getFieldsValue(true) as T;
    if (onReset) onReset(values);
    else onSearch(values);
  };

  return (
    <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { paddingBottom: 0 } }}>
      <Form<T>
        form={form}
        layout="inline"
        initialValues={initialValues}
        onFinish={handleFinish}
        onValuesChange={onValuesChange}
        role="search"
        style={{ rowGap: 12 }}
      >
        {children}
        <Form.Item style={{ marginBottom: 12 }}>
          <Space size={8}>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
            <Button onClick={handleReset} icon={<UndoOutlined />}>
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
