/**
 * st.fileUploader, st.downloadButton and st.linkButton: the view only sends the click; the host opens
 * VS Code's open or save dialog, or the link (see src/app/hostWidgets.ts). The view never reads the disk,
 * never holds a download's data and never opens a URL itself.
 */
import type { Element } from '../../protocol';
import type { Send } from './ElementView';
import { sendChecked } from './checkedSend';
import { VscodeButton } from './vscodeElements';

function size(bytes: number): string {
  return bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${Math.round((bytes / 1024) * 10) / 10} KiB`
      : `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}

export function FileUploader({ element, send }: { element: Extract<Element, { kind: 'file_uploader' }>; send: Send }) {
  const limits = `${element.accept.length ? element.accept.join(', ').toUpperCase() : 'Any file'} · up to ${size(element.maxBytes)}`;
  return (
    <div className="field uploader" data-testid={`el-${element.id}`} role="group" aria-label={element.label}>
      <span>{element.label}</span>
      <div className="uploader-row">
        <VscodeButton
          secondary
          icon="folder-opened"
          data-testid={`el-${element.id}-pick`}
          disabled={element.disabled}
          onClick={() => sendChecked(send, 'file_uploader', element.id, 'pick')}
        >
          {element.multiple ? 'Browse files…' : 'Browse file…'}
        </VscodeButton>
        {element.files.length > 0 && (
          <VscodeButton
            secondary
            icon="close"
            aria-label={`Remove ${element.multiple ? 'the files' : 'the file'}`}
            title="Remove"
            data-testid={`el-${element.id}-clear`}
            disabled={element.disabled}
            onClick={() => sendChecked(send, 'file_uploader', element.id, 'clear')}
          />
        )}
      </div>
      <span className="caption">{limits}</span>
      {element.files.length > 0 && (
        <ul className="uploaded" aria-label="files">
          {element.files.map((f, i) => (
            <li key={i}>
              <span className="codicon codicon-file" aria-hidden="true" /> {f.name} <span className="caption">{size(f.size)}</span>
            </li>
          ))}
        </ul>
      )}
      {element.error && (
        <div role="alert" className="alert alert-error">
          {element.error}
        </div>
      )}
    </div>
  );
}

export function DownloadButton({ element, send }: { element: Extract<Element, { kind: 'download_button' }>; send: Send }) {
  return (
    <VscodeButton
      data-testid={`el-${element.id}`}
      icon="desktop-download"
      title={`Save ${element.fileName}`}
      disabled={element.disabled}
      onClick={() => sendChecked(send, 'download_button', element.id, true)}
    >
      {element.label}
    </VscodeButton>
  );
}

export function LinkButton({ element, send }: { element: Extract<Element, { kind: 'link_button' }>; send: Send }) {
  return (
    <VscodeButton
      data-testid={`el-${element.id}`}
      secondary
      icon="link-external"
      title={element.url}
      aria-label={`${element.label} (opens ${element.url.slice(0, 200)})`}
      disabled={element.disabled}
      onClick={() => sendChecked(send, 'link_button', element.id, true)}
    >
      {element.label}
    </VscodeButton>
  );
}
