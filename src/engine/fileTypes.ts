/** What the container file browser reports: file facts, folder entries, and its refusals. Pure. */

export type FileKind = 'file' | 'directory' | 'other';

export interface FileInfo {
  name: string;
  kind: FileKind;
  /** A symbolic link; `kind` is what it points to ('other' when it points nowhere). */
  symlink: boolean;
  size: number;
  /** Permission bits. */
  mode: number;
  mtime: Date;
  /** For a link: the absolute path it resolves to. */
  linkTarget: string;
}

export interface DirEntry {
  name: string;
  kind: FileKind;
  symlink: boolean;
}

export type FileProblemKind = 'notFound' | 'exists' | 'notADirectory' | 'isADirectory' | 'tooLarge' | 'needsRunning' | 'readOnly' | 'failed';

/** A refusal or failure about one path, with the next step in its message. */
export class FileProblem extends Error {
  constructor(
    readonly kind: FileProblemKind,
    message: string,
  ) {
    super(message);
  }
}
