// SPDX-License-Identifier: Apache-2.0
import { addInstance, ensureNoApplication, freshApplication, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_APP_008",
    title: "A registered application hosts containers and content instances",
    purpose: "TP_NSCL_APP_008",
    objective: "Check that a <container> created below a registered <application> is STATUS_CREATED, " +
        "takes a content instance, and that its latest instance is served back.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2.8; 9.3.2 (container management)" },
        { document: "ETSI TS 102 921", clause: "<application> containersReference; <container>" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_APPLICATIONS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    const a = freshApplication(ctx);
    c = freshContainer(ctx, { id: "m2mbench-app008" }, a.application);
}

export function body(ctx) {
    addInstance(ctx, c, "from the network application");
    const latest = ctx.device.retrieve(c.latest + "/content");
    ctx.expectStatus(latest, "STATUS_OK");
    ctx.expectEqual(latest.body, "from the network application", "the latest content", latest);
}

export function postamble(ctx) {
    ensureNoApplication(ctx);
}
