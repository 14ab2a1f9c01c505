import { Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EnterpriseDto } from '../types.ts';
import { EnterpriseForm } from './EnterpriseForm.tsx';
import type { EnterpriseBrief } from './EnterpriseSelect.tsx';

export interface EnterpriseFormModalProps {
  open: boolean;
  initialName?: string;
  onClose: () => void;
  /** The new enterprise, or an existing one the user chose after a duplicate USCC. */
  onPicked: (e: EnterpriseBrief) => void;
}

/** Creates an investor without leaving the project form. */
export function EnterpriseFormModal({ open, initialName, onClose, onPicked }: EnterpriseFormModalProps) {
  const { t } = useTranslation();
  const handleSaved = (e: EnterpriseDto) => onPicked({ id: e.id, name: e.name, uscc: e.uscc });
  return (
    <Modal
      open={open}
      title={t('enterprises.form.createTitle')}
      onCancel={onClose}
      footer={null}
      width={720}
      destroyOnHidden
      styles={{ body: { maxHeight: 'calc(100vh - 200px)', overflowY: 'auto', overflowX: 'hidden' } }}
    >
      <EnterpriseForm
        enterprise={null}
        initialName={initialName}
        onSaved={handleSaved}
        onCancel={onClose}
        onUseExisting={onPicked}
        compact
      />
    </Modal>
  );
}
