package org.chorus.console.pages;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.chorus.commissions.v1.GetCommissionRequest;
import org.chorus.console.platform.Platform;
import org.chorus.identity.Caller;
import org.chorus.identity.KeycloakCallers;
import org.chorus.membership.v1.Consent;
import org.chorus.membership.v1.ConsentPurposeWording;
import org.chorus.membership.v1.EraseMemberRequest;
import org.chorus.membership.v1.ExportMemberDataRequest;
import org.chorus.membership.v1.GetMemberRequest;
import org.chorus.membership.v1.ListConsentPurposesRequest;
import org.chorus.membership.v1.ListConsentsRequest;
import org.chorus.membership.v1.Member;
import org.chorus.membership.v1.MemberDataExport;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A member about themself: what they agreed to and how they are named, and the data Chorus keeps about
 * them (a copy to download, and erasing it). Every call names the member by their own sign-in subject, so
 * nobody's data can be asked for through these pages but the person's own; no page puts it in an address.
 */
@Controller
public class MyDetailsController {

    private final Platform platform;

    public MyDetailsController(Platform platform) {
        this.platform = platform;
    }

    @GetMapping("/commissions/{commissionId}/my-consent")
    public String consent(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId,
                          @RequestParam(name = "saved", required = false) String saved, Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        String self = Names.member(commissionId, caller.subject());
        var commissions = platform.commissions();
        var consents = platform.consents();
        var membership = platform.membership();
        List<Object> answers = SideBySide.all(List.of(
                () -> commissions.getCommission(GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()),
                () -> consents.listConsentPurposes(ListConsentPurposesRequest.getDefaultInstance()).getPurposesList(),
                () -> consents.listConsents(ListConsentsRequest.newBuilder().setParent(self).build()).getConsentsList(),
                () -> membership.getMember(GetMemberRequest.newBuilder().setName(self).build())));
        @SuppressWarnings("unchecked")
        List<ConsentPurposeWording> purposes = (List<ConsentPurposeWording>) answers.get(1);
        @SuppressWarnings("unchecked")
        List<Consent> given = (List<Consent>) answers.get(2);
        Member member = (Member) answers.get(3);
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", answers.get(0));
        List<ConsentForm.PurposeRow> rows = ConsentForm.rows(purposes, given);
        model.addAttribute("purposes", rows);
        model.addAttribute("creditedAs", member.getCreditedAs());
        // The name is used in reports only once they agreed to be named (GetCredits lists only those).
        model.addAttribute("namedInReports", rows.stream()
                .anyMatch(row -> row.purpose().equals("NAMED_IN_REPORTS") && Boolean.TRUE.equals(row.given())));
        model.addAttribute("saved", "consent".equals(saved));
        return "my-consent";
    }

    /** The person's own answers (ConsentForm): recorded as given by themself. */
    @PostMapping("/commissions/{commissionId}/my-consent")
    public String recordConsent(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId,
                                @RequestParam MultiValueMap<String, String> form) {
        Caller caller = KeycloakCallers.from(jwt);
        ConsentForm.record(platform, Names.member(commissionId, caller.subject()), form, false);
        return "redirect:/commissions/" + commissionId + "/my-consent?saved=consent";
    }

    @GetMapping("/commissions/{commissionId}/my-data")
    public String myData(@PathVariable String commissionId, Model model) {
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("commission", platform.commissions().getCommission(
                GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()));
        return "my-data";
    }

    /** Everything Chorus holds about the person, from every service, as one JSON file (ExportMemberData). */
    @PostMapping("/commissions/{commissionId}/my-data/download")
    public ResponseEntity<byte[]> download(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId) {
        Caller caller = KeycloakCallers.from(jwt);
        MemberDataExport export = platform.membership().exportMemberData(ExportMemberDataRequest.newBuilder()
                .setName(Names.member(commissionId, caller.subject())).build());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("my-chorus-data.json").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(ExportFile.json(export).getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/commissions/{commissionId}/my-data/erase")
    public String eraseForm(@PathVariable String commissionId,
                            @RequestParam(name = "saved", required = false) String saved, Model model) {
        model.addAttribute("commissionId", commissionId);
        boolean erased = "erased".equals(saved);
        model.addAttribute("erased", erased);
        // Once erased the person may no longer read the commission: the page then says so and asks for nothing.
        model.addAttribute("commission", erased ? null : platform.commissions().getCommission(
                GetCommissionRequest.newBuilder().setName(Names.commission(commissionId)).build()));
        return "my-data-erase";
    }

    /** The person erases their own details (EraseMember lets a member erase themself). */
    @PostMapping("/commissions/{commissionId}/my-data/erase")
    public String erase(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId) {
        Caller caller = KeycloakCallers.from(jwt);
        platform.membership().eraseMember(EraseMemberRequest.newBuilder()
                .setName(Names.member(commissionId, caller.subject()))
                .setReason("The member asked for it in the console.")
                .build());
        return "redirect:/commissions/" + commissionId + "/my-data/erase?saved=erased";
    }
}
