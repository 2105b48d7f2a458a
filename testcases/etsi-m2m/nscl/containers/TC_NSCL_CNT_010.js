// SPDX-License-Identifier: Apache-2.0
import { containerPaths } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_CNT_010",
    title: "The NSCL refuses to DELETE its <containers> collection",
    purpose: "TP_NSCL_CNT_010",
    objective: "Check that a DELETE of the <sclBase>'s <containers> collection, which the " +
        "resource does not allow, is answered STATUS_METHOD_NOT_ALLOWED with a valid <errorInfo>.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management)" },
        { document: "ETSI TS 102 921", clause: "<containers>: allowed methods; STATUS_METHOD_NOT_ALLOWED" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_STEP_TIMEOUT_MS"],
};

export function body(ctx) {
    const c = containerPaths(ctx);
    const rsp = ctx.device.remove(c.containers);
    ctx.expectStatus(rsp, "STATUS_METHOD_NOT_ALLOWED");
    ctx.expectValid(rsp, "errorInfo");
    ctx.expectStatus(ctx.device.retrieve(c.containers), "STATUS_OK");
}
