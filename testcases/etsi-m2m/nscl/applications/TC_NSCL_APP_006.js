// SPDX-License-Identifier: Apache-2.0
import { containerPaths, ensureNoApplication, freshApplication, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_APP_006",
    title: "Deregistration removes the application and everything below it",
    purpose: "TP_NSCL_APP_006",
    objective: "Check that a DELETE of a registered <application> that holds a <container> is " +
        "answered STATUS_OK, that the application is then STATUS_NOT_FOUND and out of " +
        "<applications>, and that after registering the same appId again its <containers> is empty.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2.8 (application deregistration)" },
        { document: "ETSI TS 102 921", clause: "<application>, DELETE; <containers>" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_APPLICATIONS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let a;

export function preamble(ctx) {
    a = freshApplication(ctx);
    freshContainer(ctx, { id: "m2mbench-app006" }, a.application);
}

export function body(ctx) {
    ctx.expectStatus(ctx.device.remove(a.application), "STATUS_OK");
    const gone = ctx.device.retrieve(a.application);
    ctx.expectStatus(gone, "STATUS_NOT_FOUND");
    ctx.expectValid(gone, "errorInfo");
    const all = ctx.device.retrieve(a.applications);
    const ids = ctx.select(all.body, "applicationCollection/namedReference/@id") || [];
    ctx.expectTrue(!ids.includes(a.appId), `<applications> no longer names ${a.appId}`, all);
    freshApplication(ctx);
    const containers = ctx.device.retrieve(containerPaths(ctx, "x", a.application).containers);
    ctx.expectStatus(containers, "STATUS_OK");
    ctx.expectEqual((ctx.select(containers.body, "containerCollection/namedReference") || []).length, 0,
        "the re-registered application starts with no containers", containers);
}

export function postamble(ctx) {
    ensureNoApplication(ctx);
}
