// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the mId test cases: building representations and common steps.

export const M2M_NS = "http://uri.etsi.org/m2m";

function escapeXml(text) {
    return String(text)
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;");
}

/// An <scl> representation for registration or update. Fields are written in the order of
/// scl.xsd; only those given appear.
export function sclXml(fields) {
    const parts = [];
    if (fields.pocs) {
        parts.push("<m2m:pocs>" +
            fields.pocs.map((p) => `<reference>${escapeXml(p)}</reference>`).join("") +
            "</m2m:pocs>");
    }
    if (fields.onlineStatus) {
        parts.push(`<m2m:onlineStatus>${escapeXml(fields.onlineStatus)}</m2m:onlineStatus>`);
    }
    if (fields.expirationTime) {
        parts.push(`<m2m:expirationTime>${escapeXml(fields.expirationTime)}</m2m:expirationTime>`);
    }
    if (fields.searchStrings) {
        parts.push("<m2m:searchStrings>" +
            fields.searchStrings.map((s) => `<m2m:searchString>${escapeXml(s)}</m2m:searchString>`).join("") +
            "</m2m:searchStrings>");
    }
    const id = fields.sclId !== undefined ? ` sclId="${escapeXml(fields.sclId)}"` : "";
    return `<?xml version="1.0" encoding="UTF-8"?>\n<m2m:scl xmlns:m2m="${M2M_NS}"${id}>` +
        parts.join("") + "</m2m:scl>";
}

/// Paths of the NSCL's resources, from PIXIT.
export function paths(ctx) {
    const base = ctx.pixit("PX_NSCL_BASE");
    const sclId = ctx.pixit("PX_SCL_ID");
    return {
        base,
        scls: `${base}/scls`,
        scl: `${base}/scls/${sclId}`,
        sclId,
    };
}

/// The registration the bench's D/GSCL sends, from PIXIT.
export function registration(ctx, extra = {}) {
    return sclXml(Object.assign({
        sclId: ctx.pixit("PX_SCL_ID"),
        pocs: [ctx.pixit("PX_SCL_POC")],
        expirationTime: ctx.dateTime(ctx.pixit("PX_SCL_LIFETIME_S")),
        searchStrings: ["m2mbench"],
    }, extra));
}

/// Makes sure the bench's SCL is registered (preamble step); 409 means it already was.
export function ensureRegistered(ctx) {
    const p = paths(ctx);
    const rsp = ctx.device.create(p.scls, registration(ctx));
    ctx.expectStatus(rsp, ["STATUS_CREATED", "STATUS_CONFLICT"]);
    return rsp;
}

/// Removes the bench's SCL if present (preamble or postamble step); 404 means it was not there.
export function ensureDeregistered(ctx) {
    const p = paths(ctx);
    const rsp = ctx.device.remove(p.scl);
    ctx.expectStatus(rsp, ["STATUS_OK", "STATUS_NOT_FOUND"]);
    return rsp;
}

/// Base64 of a text's UTF-8 bytes (QJSEngine has no btoa).
export function base64(text) {
    const bytes = [];
    for (const ch of unescape(encodeURIComponent(String(text)))) {
        bytes.push(ch.charCodeAt(0));
    }
    const table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let out = "";
    for (let i = 0; i < bytes.length; i += 3) {
        const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
        out += table[(n >> 18) & 63] + table[(n >> 12) & 63] +
            (i + 1 < bytes.length ? table[(n >> 6) & 63] : "=") +
            (i + 2 < bytes.length ? table[n & 63] : "=");
    }
    return out;
}

/// A <container> representation (container.xsd order); only the fields given appear.
export function containerXml(fields = {}) {
    const parts = [];
    if (fields.expirationTime) {
        parts.push(`<m2m:expirationTime>${escapeXml(fields.expirationTime)}</m2m:expirationTime>`);
    }
    if (fields.searchStrings) {
        parts.push("<m2m:searchStrings>" +
            fields.searchStrings.map((s) => `<m2m:searchString>${escapeXml(s)}</m2m:searchString>`).join("") +
            "</m2m:searchStrings>");
    }
    if (fields.creationTime) {
        parts.push(`<m2m:creationTime>${escapeXml(fields.creationTime)}</m2m:creationTime>`);
    }
    for (const name of ["maxNrOfInstances", "maxByteSize", "maxInstanceAge"]) {
        if (fields[name] !== undefined) {
            parts.push(`<m2m:${name}>${escapeXml(fields[name])}</m2m:${name}>`);
        }
    }
    const id = fields.id !== undefined ? ` m2m:id="${escapeXml(fields.id)}"` : "";
    const ns = fields.namespace || M2M_NS;
    return `<?xml version="1.0" encoding="UTF-8"?>\n<m2m:container xmlns:m2m="${ns}"${id}>` +
        parts.join("") + "</m2m:container>";
}

/// A <contentInstance> representation carrying `text` as its content.
export function contentInstanceXml(text, fields = {}) {
    const types = fields.contentTypes || ["text/plain"];
    const size = fields.contentSize !== undefined
        ? `<m2m:contentSize>${fields.contentSize}</m2m:contentSize>` : "";
    const id = fields.id !== undefined ? ` m2m:id="${escapeXml(fields.id)}"` : "";
    return `<?xml version="1.0" encoding="UTF-8"?>\n<m2m:contentInstance xmlns:m2m="${M2M_NS}"${id}>` +
        "<m2m:contentTypes>" + types.map((t) => `<m2m:contentType>${escapeXml(t)}</m2m:contentType>`).join("") +
        "</m2m:contentTypes>" + size + `<m2m:content>${base64(text)}</m2m:content></m2m:contentInstance>`;
}

/// Paths of a container of the <sclBase> (or of `host`), named by PX_CONTAINER_ID unless given.
export function containerPaths(ctx, id, host) {
    const base = host || ctx.pixit("PX_NSCL_BASE");
    const name = id || ctx.pixit("PX_CONTAINER_ID");
    const container = `${base}/containers/${name}`;
    return {
        containers: `${base}/containers`,
        container,
        id: name,
        instances: `${container}/contentInstances`,
        latest: `${container}/contentInstances/latest`,
        oldest: `${container}/contentInstances/oldest`,
    };
}

/// Removes a container if present (preamble or postamble step).
export function ensureNoContainer(ctx, id, host) {
    const rsp = ctx.device.remove(containerPaths(ctx, id, host).container);
    ctx.expectStatus(rsp, ["STATUS_OK", "STATUS_NOT_FOUND"]);
    return rsp;
}

/// Creates a fresh container (any earlier one of that id removed first): preamble step.
export function freshContainer(ctx, fields = {}, host) {
    const c = containerPaths(ctx, fields.id, host);
    ensureNoContainer(ctx, c.id, host);
    const rsp = ctx.device.create(c.containers, containerXml(Object.assign({ id: c.id }, fields)));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    return c;
}

/// Adds a content instance holding `text` (raw content, typed text/plain).
export function addInstance(ctx, c, text) {
    const rsp = ctx.device.create(c.instances, text, { contentType: "text/plain" });
    ctx.expectStatus(rsp, "STATUS_CREATED");
    return rsp;
}
