// What a message carries besides text: the file (photo, sticker, voice note,
// video, document), a location, or shared contact cards.
import { useState } from "react";
import { Dialog } from "../../../components/ui/dialog";
import { ExternalIcon } from "../../../components/ui/icons";
import { formatBytes } from "../../conversations/api/upload-media";
import type { MediaDescriptor, Message } from "../../conversations/api/types";

const UNAVAILABLE: Record<string, string> = {
  pending: "Downloading from WhatsApp…",
  refused: "Not stored: over WhatsApp's size limit or a type it doesn't allow",
  failed: "Couldn't be downloaded from WhatsApp",
  expired: "Removed by the media retention setting",
};

const KIND: Record<string, string> = { image: "Photo", sticker: "Sticker", audio: "Voice note or audio", video: "Video", document: "Document" };

function Photo({ media, sticker }: { media: MediaDescriptor; sticker: boolean }) {
  const [open, setOpen] = useState(false);
  const alt = media.caption ? `Photo: ${media.caption}` : sticker ? "Sticker" : "Photo from the conversation";
  return (
    <>
      <button type="button" className={sticker ? "msg-media-thumb msg-media-sticker" : "msg-media-thumb"} onClick={() => setOpen(true)} aria-label={`Open ${sticker ? "sticker" : "photo"} full size`}>
        <img src={media.url} alt={alt} loading="lazy" />
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={media.fileName ?? (sticker ? "Sticker" : "Photo")} size="md" className="media-dialog">
        <img className="media-full" src={media.url} alt={alt} />
        <p>
          <a href={media.url} download={media.fileName ?? undefined}>
            Download{media.size ? ` (${formatBytes(media.size)})` : ""}
          </a>
        </p>
      </Dialog>
    </>
  );
}

function FileCard({ media }: { media: MediaDescriptor }) {
  const name = media.fileName ?? KIND[media.type] ?? "File";
  return (
    <div className="msg-file">
      <span className="msg-file-icon" aria-hidden="true">
        {(media.fileName?.split(".").pop() ?? media.mimeType?.split("/")[1] ?? "file").slice(0, 4).toUpperCase()}
      </span>
      <span className="msg-file-info">
        <span className="msg-file-name">{name}</span>
        <span className="muted small">{[media.size !== null ? formatBytes(media.size) : null, media.mimeType].filter(Boolean).join(" · ")}</span>
      </span>
      {media.status === "stored" && (
        <a className="msg-file-download" href={media.url} download={media.fileName ?? undefined} aria-label={`Download ${name}`}>
          Download
        </a>
      )}
    </div>
  );
}

export function MessageMedia({ message }: { message: Message }) {
  const media = message.media;
  if (media) {
    if (media.status !== "stored") {
      return (
        <p className="msg-media-unavailable">
          {KIND[media.type] ?? "File"}
          {media.fileName ? ` · ${media.fileName}` : ""} — {UNAVAILABLE[media.status] ?? "Not available"}
        </p>
      );
    }
    if (media.type === "image" || media.type === "sticker") return <Photo media={media} sticker={media.type === "sticker"} />;
    if (media.type === "audio")
      return (
        <div className="msg-media-player">
          <audio controls preload="none" src={media.url} aria-label="Voice note" />
          {message.transcript && <p className="msg-transcript">“{message.transcript}”</p>}
        </div>
      );
    if (media.type === "video") return <video className="msg-media-video" controls preload="metadata" src={media.url} aria-label="Video" />;
    return <FileCard media={media} />;
  }
  if (message.type === "location") {
    const loc = message.payload?.location as { latitude?: number; longitude?: number; name?: string; address?: string } | undefined;
    if (typeof loc?.latitude !== "number" || typeof loc.longitude !== "number") return null;
    const coords = `${loc.latitude.toFixed(6)}, ${loc.longitude.toFixed(6)}`;
    return (
      <div className="msg-location">
        <p className="msg-location-title">{loc.name ? `Location: ${loc.name}` : "Location"}</p>
        {loc.address && <p className="muted small">{loc.address}</p>}
        <p className="small">{coords}</p>
        <a href={`https://www.openstreetmap.org/?mlat=${loc.latitude}&mlon=${loc.longitude}#map=17/${loc.latitude}/${loc.longitude}`} target="_blank" rel="noopener noreferrer">
          Open in a map <ExternalIcon size={12} />
        </a>
      </div>
    );
  }
  return null;
}

/** Shared contact cards arrive as "Name: +phone" lines. */
export function ContactCards({ text }: { text: string }) {
  const cards = text.split("\n").filter(Boolean);
  return (
    <ul className="msg-contacts" aria-label="Shared contacts">
      {cards.map((line, i) => {
        const [name, phones] = line.includes(": ") ? [line.slice(0, line.indexOf(": ")), line.slice(line.indexOf(": ") + 2)] : [line, ""];
        return (
          <li key={i} className="msg-contact-card">
            <span className="msg-contact-name">{name}</span>
            {phones && <span className="muted small">{phones}</span>}
          </li>
        );
      })}
    </ul>
  );
}
