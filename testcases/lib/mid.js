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
