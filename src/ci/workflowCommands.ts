// GitHub Actions workflow commands (`::error file=…,title=…::message`), escaped as the runner unescapes them:
// in the message %, CR and LF; in a property also : and , (which would otherwise end the property).
// Docs: "Workflow commands for GitHub Actions" → "Setting an error message"; actions/toolkit core/src/command.ts.

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface AnnotationProperties {
  /** Repository-relative path of the file the annotation is shown on. */
  readonly file: string;
  readonly title: string;
  readonly line?: number;
}

/** One `::error …::message` line (no trailing newline). */
export function errorCommand(props: AnnotationProperties, message: string): string {
  const parts = [`file=${escapeProperty(props.file)}`];
  if (props.line !== undefined) parts.push(`line=${props.line}`);
  parts.push(`title=${escapeProperty(props.title)}`);
  return `::error ${parts.join(',')}::${escapeData(message)}`;
}

/** The runner sets GITHUB_ACTIONS=true in every step; annotations are printed only then. */
export function underGitHubActions(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['GITHUB_ACTIONS'] === 'true';
}
