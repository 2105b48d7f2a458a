// SPDX-License-Identifier: Apache-2.0
// Helpers of the D/G suite where the D/G node is the SUT and the bench is its NSCL (CFG_DG,
// `ctx.nscl`): the paths the node's requests must name, and the checks every one of its
// registrations shares.
export const TS102690 = "ETSI TS 102 690";
export const TS102921 = "ETSI TS 102 921";

/// Paths on the bench NSCL that belong to the node under test.
export function dgPaths(ctx) {
    const base = ctx.pixit("PX_DG_NSCL_BASE");
    const sclId = ctx.pixit("PX_DG_SC_SCL_ID");
    const scl = `${base}/scls/${sclId}`;
    return {
        base,
        sclId,
        scls: `${base}/scls`,
        scl,
        containers: `${scl}/containers`,
        applications: `${scl}/applications`,
        attachedDevices: `${scl}/attachedDevices`,
    };
}

/// The node's DA/GA applications (PX_DG_APPS), in order.
export function dgApps(ctx) {
    return String(ctx.pixit("PX_DG_APPS")).split(",").map((s) => s.trim()).filter((s) => s.length > 0);
}

/// A filter for awaitRequest/requests: the CREATE of an <scl> in <scls>.
export function registrationFilter(ctx, extra = {}) {
    return Object.assign({ method: "CREATE", target: dgPaths(ctx).scls, root: "scl" }, extra);
}

/// The registration's checks: CREATE on <scls>, a schema-valid <scl> naming the node's SCL-ID,
/// pocs, an expirationTime in the future, the requestingEntity of its own SCL.
export function expectRegistrationRequest(ctx, r) {
    const p = dgPaths(ctx);
    ctx.expectEqual(r.method, "CREATE", "the registration is a CREATE", r);
    ctx.expectEqual(r.target.replace(/\/+$/, ""), p.scls, `it targets the NSCL's <scls> (${p.scls})`, r);
    if (ctx.expectValid(r, "scl")) {
        ctx.expectEqual((ctx.select(r.body, "@sclId") || [])[0], p.sclId, "sclId is the node's SCL-ID", r);
        ctx.expectTrue((ctx.select(r.body, "pocs/reference") || []).length > 0, "the <scl> names its pocs", r);
        const exp = (ctx.select(r.body, "expirationTime") || [])[0];
        ctx.expectTrue(exp !== undefined && Date.parse(exp) > Date.now(),
            `expirationTime '${exp}' is in the future`, r);
    }
    ctx.expectTrue(namesOwnScl(ctx, r.requestingEntity),
        `requestingEntity '${r.requestingEntity}' is the node's SCL-ID`, r);
}

/// Whether a requestingEntity names the node's SCL (its SCL-ID, or the path of its <scl>).
export function namesOwnScl(ctx, entity) {
    const id = ctx.pixit("PX_DG_SC_SCL_ID");
    const e = String(entity || "");
    return e === id || e.endsWith(`/scls/${id}`);
}

/// Waits for the node's registration to take effect on the bench NSCL (bounded by PX_DG_SC_WAIT_MS).
export function awaitRegistered(ctx) {
    const r = ctx.nscl.awaitRequest(registrationFilter(ctx, { trigger: "register" }));
    const deadline = Date.now() + ctx.pixit("PX_DG_SC_WAIT_MS");
    let now = ctx.nscl.registered();
    while (!now.registered && Date.now() < deadline) {
        ctx.nscl.waitSeconds(0.1);
        now = ctx.nscl.registered();
    }
    ctx.expectTrue(now.registered, "the bench NSCL holds the node's <scl>", r);
    return r;
}

/// The intervals (ms) between consecutive requests of a list.
export function intervals(list) {
    const out = [];
    for (let i = 1; i < list.length; ++i) {
        out.push(list[i].atMs - list[i - 1].atMs);
    }
    return out;
}

/// The requests matching `filter` once the node has been quiet for PX_DG_REG_QUIET_MS (no new
/// match in that time), bounded by PX_DG_SC_WAIT_MS plus one quiet period.
export function quietList(ctx, filter) {
    const quiet = ctx.pixit("PX_DG_REG_QUIET_MS");
    const deadline = Date.now() + ctx.pixit("PX_DG_SC_WAIT_MS") + quiet;
    let list = ctx.nscl.requests(filter);
    for (;;) {
        ctx.nscl.waitSeconds(quiet / 1000);
        const now = ctx.nscl.requests(filter);
        if (now.length === list.length || Date.now() >= deadline) {
            return now;
        }
        list = now;
    }
}

/// Whether the bench NSCL holds the node's <scl> within PX_DG_SC_WAIT_MS (no cue).
export function waitRegistered(ctx) {
    const deadline = Date.now() + ctx.pixit("PX_DG_SC_WAIT_MS");
    while (!ctx.nscl.registered().registered) {
        if (Date.now() >= deadline) {
            return false;
        }
        ctx.nscl.waitSeconds(0.1);
    }
    return true;
}

/// The legacy devices behind the gateway (PX_DG_ATTACHED_DEVICES), in order.
export function attachedDevices(ctx) {
    return String(ctx.pixit("PX_DG_ATTACHED_DEVICES")).split(",").map((s) => s.trim()).filter((s) => s.length > 0);
}

/// Whether the bench NSCL holds a resource within PX_DG_SC_WAIT_MS.
export function waitHeld(ctx, path) {
    const deadline = Date.now() + ctx.pixit("PX_DG_SC_WAIT_MS");
    while (ctx.nscl.retrieve(path).status !== "STATUS_OK") {
        if (Date.now() >= deadline) {
            return false;
        }
        ctx.nscl.waitSeconds(0.1);
    }
    return true;
}
