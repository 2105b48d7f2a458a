// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the bootstrap test cases (CFG_BOOT and CFG_DG).

export const TS102690 = "ETSI TS 102 690";
export const RFC5191 = "IETF RFC 5191";
export const RFC5216 = "IETF RFC 5216";
export const RFC9190 = "IETF RFC 9190";
export const RFC3748 = "IETF RFC 3748";

/// A bootstrap that must succeed: checks the outcome and returns the result.
export function bootstrapped(ctx, options) {
    const r = ctx.device.bootstrap(options || {});
    ctx.expectEqual(r.outcome, "bootstrapped", `bootstrap outcome (${r.reason})`, r);
    return r;
}

/// Ends the device's PANA session if one is open; never judges (a cleanup step).
export function endSession(ctx) {
    const r = ctx.device.terminate({ timeoutMs: 2000 });
    if (r.started && !r.answered) {
        ctx.log("the MSBF did not answer the PTR of the postamble");
    }
}

/// The device as the MSBF saw it must have completed the bootstrap: the MSBF accepted it
/// (Result-Code success) and a PAN[C] echoed the Key-Id with a valid AUTH (RFC 5191 section 4.1).
/// What the device did with the session afterwards is not judged here: a device that only
/// bootstraps may end it with a PTR at once, and the MSBF then reports it terminated.
export function msbfBootstrapped(ctx, options) {
    const r = ctx.msbf.awaitBootstrap(options || {});
    const completed = r.authentications > 0 && r.keyId > 0 &&
        (r.outcome === "bootstrapped" || r.outcome === "terminated");
    ctx.expectTrue(completed,
        `the device's bootstrap as the MSBF saw it: PAN[C] with a valid AUTH (${r.outcome}: ${r.reason})`, r);
    if (completed && r.outcome !== "bootstrapped") {
        ctx.log(`after the bootstrap the session ended: ${r.reason}`);
    }
    return r;
}
