// SPDX-License-Identifier: Apache-2.0
// Helpers of the notification channel test cases: long polling for subscribers the NSCL cannot reach.
import { M2M_NS, freshApplication } from "./mid.js";

/// A <notificationChannel> of channelType LONG_POLLING (the NSCL sets the rest).
export function channelXml(fields = {}) {
    const type = fields.channelType === undefined ? "LONG_POLLING" : fields.channelType;
    const parts = type ? [`<m2m:channelType>${type}</m2m:channelType>`] : [];
    if (fields.contactURI) {
        parts.push(`<m2m:contactURI>${fields.contactURI}</m2m:contactURI>`);
    }
    const id = fields.id !== undefined ? ` m2m:id="${fields.id}"` : "";
    return `<?xml version="1.0" encoding="UTF-8"?>\n<m2m:notificationChannel xmlns:m2m="${M2M_NS}"${id}>` +
        parts.join("") + "</m2m:notificationChannel>";
}

/// A path of the NSCL from a URI it gave (absolute URIs lose their scheme and authority).
export function pathOf(uri) {
    return String(uri || "").replace(/^[a-z]+:\/\/[^/]*/, "");
}

/// A fresh LONG_POLLING channel of the network application PX_APP_ID (registered first):
/// { channels, channel, contact, poll } with contact the absolute contactURI and poll the path
/// of the longPollingURI.
export function freshChannel(ctx, id) {
    const a = freshApplication(ctx);
    const channels = `${a.application}/notificationChannels`;
    const rsp = ctx.device.create(channels, channelXml({ id }));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    return {
        app: a,
        channels,
        channel: `${channels}/${id}`,
        contact: ctx.select(rsp.body, "contactURI")[0] || "",
        poll: pathOf(ctx.select(rsp.body, "channelData/longPollingURI")[0]),
    };
}

/// The representation a <notify> carries (base64 in the document), as text.
export function notifiedRepresentation(ctx, notifyBody) {
    const text = String((ctx.select(notifyBody, "representation") || [])[0] || "").replace(/\s+/g, "");
    const table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const bytes = [];
    for (let i = 0; i + 3 < text.length + 3 && i < text.length; i += 4) {
        const n = [0, 1, 2, 3].map((k) => (text[i + k] === "=" || text[i + k] === undefined ? 0 : table.indexOf(text[i + k])));
        if (n.some((v) => v < 0)) {
            return "";
        }
        const v = (n[0] << 18) | (n[1] << 12) | (n[2] << 6) | n[3];
        bytes.push((v >> 16) & 255);
        if (text[i + 2] !== "=") {
            bytes.push((v >> 8) & 255);
        }
        if (text[i + 3] !== "=") {
            bytes.push(v & 255);
        }
    }
    try {
        return decodeURIComponent(escape(String.fromCharCode(...bytes)));
    } catch (e) {
        return "";
    }
}
