/** The fallback link to the mail program, and an error or a notice line. */
export function MailLink({ mailto, text, label }: { mailto: string | null; text: string; label: string }) {
  if (!mailto) return null;
  return (
    <p className="act-mail" role="status">
      {text}{' '}
      <a href={mailto} className="act-mail-link" data-testid="mailto-link">
        {label}
      </a>
    </p>
  );
}
