import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** The contacts of an enterprise as rows of a Form.List named `contacts`. */
export function ContactsEditor() {
  const { t } = useTranslation();
  return (
    <Form.List name="contacts">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((field, i) => (
            <Flex key={field.key} gap={8} align="start" wrap data-testid={`contact-${i}`}>
              <Form.Item
                name={[field.name, 'name']}
                rules={[{ required: true, whitespace: true, message: t('enterprises.contact.nameRequired') }]}
                style={{ marginBottom: 0, width: 120 }}
              >
                <Input
                  placeholder={t('enterprises.contact.name')}
                  aria-label={t('enterprises.contact.name')}
                  maxLength={50}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'title']} style={{ marginBottom: 0, width: 130 }}>
                <Input
                  placeholder={t('enterprises.contact.title')}
                  aria-label={t('enterprises.contact.title')}
                  maxLength={50}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'phone']}
                rules={[{ pattern: /^[\d+\-() ]{5,30}$/, message: t('enterprises.contact.phoneInvalid') }]}
                style={{ marginBottom: 0, width: 150 }}
              >
                <Input
                  placeholder={t('enterprises.contact.phone')}
                  aria-label={t('enterprises.contact.phone')}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'email']}
                rules={[{ type: 'email', message: t('enterprises.contact.emailInvalid') }]}
                style={{ marginBottom: 0, width: 190 }}
              >
                <Input
                  placeholder={t('enterprises.contact.email')}
                  aria-label={t('enterprises.contact.email')}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'note']} style={{ marginBottom: 0, flex: 1, minWidth: 120 }}>
                <Input
                  placeholder={t('enterprises.contact.note')}
                  aria-label={t('enterprises.contact.note')}
                  maxLength={200}
                />
              </Form.Item>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                onClick={() => remove(field.name)}
                aria-label={t('enterprises.contact.remove')}
              />
            </Flex>
          ))}
          <div>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })}>
              {t('enterprises.contact.add')}
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}
