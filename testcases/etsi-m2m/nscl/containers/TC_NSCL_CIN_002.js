// SPDX-License-Identifier: Apache-2.0
import { contentInstanceXml, ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_CIN_002",
    title: "The NSCL accepts a <contentInstance> representation and serves its content",
    purpose: "TP_NSCL_CIN_002",
    objective: "Check that a CREATE in <contentInstances> with a <contentInstance> representation " +
        "(base64 content, content types, contentSize) is answered STATUS_CREATED, and that its " +
        "content resource answers the decoded bytes with the declared type.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: contentInstance create)" },
        { document: "ETSI TS 102 921", clause: "<contentInstance> (contentInstance.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_CONTAINER_ID", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    c = freshContainer(ctx);
}

export function body(ctx) {
    const text = '{"humidity": 48}';
    const made = ctx.device.create(c.instances,
        contentInstanceXml(text, { id: "reading-1", contentTypes: ["application/json"],
            contentSize: text.length }));
    ctx.expectStatus(made, "STATUS_CREATED");
    ctx.expectValid(made, "contentInstance");
    const raw = ctx.device.retrieve(`${c.instances}/reading-1/content`);
    ctx.expectStatus(raw, "STATUS_OK");
    ctx.expectEqual(raw.body, text, "the content resource answers the decoded bytes", raw);
    ctx.expectTrue(String(raw.contentType).startsWith("application/json"),
        `the content is served as application/json (got ${raw.contentType})`, raw);
}

export function postamble(ctx) {
    ensureNoContainer(ctx);
}
