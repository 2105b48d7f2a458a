// SPDX-License-Identifier: Apache-2.0
import { addInstance, ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_FLT_003",
    title: "A RETRIEVE of <contentInstances> filtered by content type",
    purpose: "TP_NSCL_FLT_003",
    objective: "Check that with contentType=application/json the NSCL lists only the JSON instance of " +
        "a container holding a text/plain and an application/json one, and that contentType=text/* " +
        "lists only the text one.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: retrieve with filter criteria)" },
        { document: "ETSI TS 102 921", clause: "contentInstances.xsd (contentType)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS && PICS_NSCL_FILTER_CRITERIA",
    pixit: ["PX_NSCL_BASE", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    c = freshContainer(ctx, { id: "m2mbench-flt003" });
    addInstance(ctx, c, "21.5 C");
    ctx.expectStatus(ctx.device.create(c.instances, "{\"t\": 21.5}", { contentType: "application/json" }), "STATUS_CREATED");
}

export function body(ctx) {
    const json = ctx.device.retrieve(`${c.instances}?contentType=${encodeURIComponent("application/json")}`);
    ctx.expectStatus(json, "STATUS_OK");
    if (ctx.expectValid(json, "contentInstances")) {
        ctx.expectEqual(ctx.select(json.body, "contentInstanceCollection/contentInstance/contentTypes/contentType").join(" "),
            "application/json", "content types of the instances listed", json);
    }
    const text = ctx.device.retrieve(`${c.instances}?contentType=${encodeURIComponent("text/*")}`);
    ctx.expectStatus(text, "STATUS_OK");
    const types = ctx.select(text.body, "contentInstanceCollection/contentInstance/contentTypes/contentType");
    ctx.expectTrue(types.length === 1 && types[0].startsWith("text/plain"), `text/* lists the text instance only; got [${types}]`, text);
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-flt003");
}
