import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

/** Props of {@link ErrorMessage}. */
export interface ErrorMessageProps {
  /** Short title, for example "Import failed". */
  title: string;
  /** What went wrong and what to do; nothing renders when it is undefined. */
  message?: string;
}

/** An error that screen readers announce at once (role="alert"). */
export function ErrorMessage({ title, message }: ErrorMessageProps) {
  if (!message) return null;
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message}
      </MessageBarBody>
    </MessageBar>
  );
}
