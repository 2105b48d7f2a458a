// SPDX-License-Identifier: Apache-2.0
import { announceApplication, anncXml, sclPaths } from "../../../lib/annc_xrem.js";
import { ensureDeregistered, ensureRegistered } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ANN_013",
    title: "An SCL's announcements go when it deregisters",
    purpose: "TP_NSCL_ANN_013",
    objective: "Check that after an SCL with an announced application and an announced container below " +
        "it deregisters and registers again, neither announcement is served (STATUS_NOT_FOUND).",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2.6 (SCL deregistration); 9.3.2 (announce)" },
        { document: "ETSI TS 102 921", clause: "<scl>, <applicationAnnc>, <containerAnnc>" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ANNOUNCE && PICS_NSCL_SCL_REGISTRATION && PICS_NSCL_SCL_DEREGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_SCL_POC", "PX_ANNC_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let app;

export function preamble(ctx) {
    app = announceApplication(ctx);
    const link = sclPaths(ctx).original(`applications/${ctx.pixit("PX_ANNC_APP_ID")}/containers/readings`);
    ctx.expectStatus(ctx.device.create(`${app}/containers`, anncXml("containerAnnc", { id: "readings", link })), "STATUS_CREATED");
}

export function body(ctx) {
    ctx.expectStatus(ensureDeregistered(ctx), "STATUS_OK");
    ctx.expectStatus(ensureRegistered(ctx), "STATUS_CREATED");
    ctx.expectStatus(ctx.device.retrieve(app), "STATUS_NOT_FOUND");
    ctx.expectStatus(ctx.device.retrieve(`${app}/containers/readings`), "STATUS_NOT_FOUND");
}

export function postamble(ctx) {
    ensureRegistered(ctx);
    ctx.device.remove(app);
}
