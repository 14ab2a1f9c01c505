import { Alert, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DoubleCountWarning } from '../types.ts';

/** The possible double counts a save reported (the save stood); links to the records involved. */
export function DoubleCountWarnings({
  warnings,
  onClose,
}: {
  warnings: DoubleCountWarning[];
  onClose?: () => void;
}) {
  const { t } = useTranslation();
  if (!warnings.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      closable={onClose ? { onClose } : false}
      style={{ marginBottom: 12 }}
      data-testid="double-count-warnings"
      title={t('projects.warnings.title')}
      description={
        <Flex vertical gap={4}>
          <span>{t('projects.warnings.desc')}</span>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {warnings.map((w) => (
              <li key={w.key}>
                {w.message}
                {w.project ? (
                  <>
                    {' '}
                    <Link to={`/projects/${w.project.id}`}>{t('projects.warnings.open')}</Link>
                  </>
                ) : null}
                {w.enterprise ? (
                  <>
                    {' '}
                    <Link to={`/enterprises/${w.enterprise.id}`}>{t('projects.warnings.open')}</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </Flex>
      }
    />
  );
}
