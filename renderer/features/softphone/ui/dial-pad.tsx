import { useTranslation } from 'react-i18next';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

interface DialPadProps {
  label: string;
  onDigit(digit: string): void;
}

/** Twelve keys; each says which key it is (« Touche 5 ») to screen readers. */
export function DialPad({ label, onDigit }: DialPadProps) {
  const { t } = useTranslation('softphone');
  return (
    <div className="sp-dialpad" role="group" aria-label={label}>
      {KEYS.map((key) => (
        <button key={key} type="button" className="sp-key" aria-label={t('digit', { digit: key })} onClick={() => onDigit(key)}>
          {key}
        </button>
      ))}
    </div>
  );
}
