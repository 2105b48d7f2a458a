// SPDX-License-Identifier: Apache-2.0
import { paths } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_BASE_002",
    title: "The NSCL answers a RETRIEVE of a resource that does not exist with STATUS_NOT_FOUND",
    purpose: "TP_NSCL_BASE_002",
    objective: "Check that a RETRIEVE of a path below <sclBase> that names no resource is " +
        "answered STATUS_NOT_FOUND with a valid <errorInfo> whose statusCode is STATUS_NOT_FOUND.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (resource procedures: retrieve)" },
        { document: "ETSI TS 102 921", clause: "<errorInfo> (errorInfo.xsd), status codes" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_HTTP",
    pixit: ["PX_NSCL_BASE", "PX_STEP_TIMEOUT_MS"],
};

export function body(ctx) {
    const p = paths(ctx);
    const rsp = ctx.device.retrieve(`${p.base}/no-such-resource-m2mbench`);
    ctx.expectStatus(rsp, "STATUS_NOT_FOUND");
    if (ctx.expectValid(rsp, "errorInfo")) {
        ctx.expectEqual(ctx.select(rsp.body, "statusCode")[0], "STATUS_NOT_FOUND",
            "statusCode in <errorInfo>", rsp);
    }
}
