// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the service-connection and secured-binding test cases (CFG_NSCL, CFG_DG).
import { paths, registration, sclXml } from "./mid.js";

export const TS102690 = "ETSI TS 102 690";
export const TS102921 = "ETSI TS 102 921";
export const RFC4279 = "IETF RFC 4279";
export const RFC7252 = "IETF RFC 7252";
export const RFC7959 = "IETF RFC 7959";

/// A service connection that must succeed: outcome, key confirmation and the parameter set.
export function connected(ctx, options) {
    const c = ctx.connection.connect(options || {});
    ctx.expectTrue(c.ok, `service connection with Kmr (${c.outcome}${c.detail ? ": " + c.detail : ""})`, c);
    return c;
}

/// Registers the bench's SCL over a binding; 409 means it already was (a preamble step).
export function ensureRegisteredOver(ctx, binding) {
    const p = paths(ctx);
    const rsp = ctx.device.create(p.scls, registration(ctx), { binding });
    ctx.expectStatus(rsp, ["STATUS_CREATED", "STATUS_CONFLICT"]);
    return rsp;
}

/// Removes the bench's SCL over a binding if present (preamble or postamble step).
export function ensureDeregisteredOver(ctx, binding) {
    const p = paths(ctx);
    const rsp = ctx.device.remove(p.scl, { binding });
    ctx.expectStatus(rsp, ["STATUS_OK", "STATUS_NOT_FOUND"]);
    return rsp;
}

/// An <scl> registration large enough to need block-wise transfer (more than `octets`).
export function largeRegistration(ctx, octets) {
    const strings = [];
    let size = 0;
    for (let i = 0; size < octets; ++i) {
        const s = `m2mbench-search-string-${i}`;
        strings.push(s);
        size += s.length + 40;
    }
    return {
        xml: sclXml({
            sclId: ctx.pixit("PX_SCL_ID"),
            pocs: [ctx.pixit("PX_SCL_POC")],
            expirationTime: ctx.dateTime(ctx.pixit("PX_SCL_LIFETIME_S")),
            searchStrings: strings,
        }),
        last: strings[strings.length - 1],
    };
}

/// An <application> registration.
export function applicationXml(appId) {
    return `<?xml version="1.0" encoding="UTF-8"?>\n<m2m:application xmlns:m2m="http://uri.etsi.org/m2m" appId="${appId}"/>`;
}
