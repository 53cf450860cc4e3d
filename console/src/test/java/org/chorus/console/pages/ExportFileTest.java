package org.chorus.console.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import org.chorus.membership.v1.MemberDataExport;
import org.junit.jupiter.api.Test;

class ExportFileTest {

    @Test
    void eachServicesDocumentIsKeptAsItWasGiven() {
        MemberDataExport export = MemberDataExport.newBuilder()
                .setName("commissions/leeds/members/m-1")
                .setExportTime(Timestamp.newBuilder().setSeconds(1_767_225_600L))
                .addHeld(MemberDataExport.Held.newBuilder().setService("membership").setJson("{\"displayName\":\"Robin Ash\"}"))
                .addHeld(MemberDataExport.Held.newBuilder().setService("payments").setJson(" {\"claims\":[]} \n"))
                .setDocument("Your name: Robin Ash\n\"Quoted\"")
                .build();

        assertThat(ExportFile.json(export)).isEqualTo("""
                {
                  "member": "commissions/leeds/members/m-1",
                  "exportTime": "2026-01-01T00:00:00Z",
                  "held": {
                    "membership": {"displayName":"Robin Ash"},
                    "payments": {"claims":[]}
                  },
                  "document": "Your name: Robin Ash\\n\\"Quoted\\""
                }
                """);
    }

    @Test
    void nothingHeldIsAnEmptyObject() {
        String json = ExportFile.json(MemberDataExport.newBuilder().setName("commissions/leeds/members/m-2").build());
        assertThat(json).contains("\"held\": {},\n");
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(ExportFile.string("a\tb\\c\u0001")).isEqualTo("\"a\\tb\\\\c\\u0001\"");
    }
}
