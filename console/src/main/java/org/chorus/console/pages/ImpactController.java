package org.chorus.console.pages;

import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.chorus.console.impact.BarChart;
import org.chorus.console.impact.Figures;
import org.chorus.console.impact.Periods;
import org.chorus.console.platform.ContractAccess;
import org.chorus.console.platform.Platform;
import org.chorus.console.text.Dates;
import org.chorus.identity.Caller;
import org.chorus.identity.KeycloakCallers;
import org.chorus.reporting.v1.ExportImpactTableRequest;
import org.chorus.reporting.v1.Figure;
import org.chorus.reporting.v1.GetImpactRequest;
import org.chorus.reporting.v1.GetImpactSeriesRequest;
import org.chorus.reporting.v1.Impact;
import org.chorus.reporting.v1.ImpactSeries;
import org.chorus.reporting.v1.ImpactTable;
import org.chorus.reporting.v1.Measure;
import org.chorus.reporting.v1.ReportingServiceGrpc;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What a commission's work, or the whole network's, adds up to in a year: for each measure a table by
 * quarter (the accessible version) with a bar chart beside it, and the table as CSV. Every figure is as
 * reporting's disclosure control shows it; the console never works a hidden one out.
 */
@Controller
public class ImpactController {

    static final String NETWORK = "network/impact";
    private static final List<Measure> MEASURES = Arrays.stream(Measure.values())
            .filter(m -> m != Measure.MEASURE_UNSPECIFIED && m != Measure.UNRECOGNIZED)
            .toList();

    /** One row of a measure's table. */
    public record Row(String period, String words, boolean keptBack) {
    }

    /** One measure: its table for the year by quarter, the year's figure, and the chart of the quarters. */
    public record MeasureTable(String measure, String titleKey, String yearWords, List<Row> rows, String chart) {
    }

    private final Platform platform;
    private final MessageSource messages;

    public ImpactController(Platform platform, MessageSource messages) {
        this.platform = platform;
        this.messages = messages;
    }

    @GetMapping("/commissions/{commissionId}/impact")
    public String commissionImpact(@AuthenticationPrincipal Jwt jwt, @PathVariable String commissionId,
                                   @RequestParam(name = "year", required = false) Integer year, Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        model.addAttribute("commissionId", commissionId);
        model.addAttribute("mayDownload", ContractAccess.allows(caller, ReportingServiceGrpc.getExportImpactTableMethod(), commissionId));
        model.addAttribute("csvPath", "/commissions/" + commissionId + "/impact.csv");
        model.addAttribute("impactPath", "/commissions/" + commissionId + "/impact");
        return render(Names.commission(commissionId) + "/impact", year(year), model);
    }

    @GetMapping("/network/impact")
    public String networkImpact(@AuthenticationPrincipal Jwt jwt, @RequestParam(name = "year", required = false) Integer year,
                                Model model) {
        Caller caller = KeycloakCallers.from(jwt);
        model.addAttribute("commissionId", null);
        model.addAttribute("mayDownload", ContractAccess.allows(caller, ReportingServiceGrpc.getExportImpactTableMethod(), null));
        model.addAttribute("csvPath", "/network/impact.csv");
        model.addAttribute("impactPath", "/network/impact");
        return render(NETWORK, year(year), model);
    }

    @GetMapping("/commissions/{commissionId}/impact.csv")
    public ResponseEntity<byte[]> commissionCsv(@PathVariable String commissionId, @RequestParam("measure") String measure,
                                                @RequestParam("year") Integer year) {
        return csv(Names.commission(commissionId) + "/impact", measure, year(year));
    }

    @GetMapping("/network/impact.csv")
    public ResponseEntity<byte[]> networkCsv(@RequestParam("measure") String measure, @RequestParam("year") Integer year) {
        return csv(NETWORK, measure, year(year));
    }

    private String render(String name, int year, Model model) {
        var reporting = platform.reporting();
        List<Callable<Object>> calls = new ArrayList<>();
        calls.add(() -> reporting.getImpact(GetImpactRequest.newBuilder().setName(name).setPeriod(Integer.toString(year)).build()));
        for (Measure measure : MEASURES) {
            var series = platform.reporting();
            calls.add(() -> series.getImpactSeries(GetImpactSeriesRequest.newBuilder()
                    .setName(name).setMeasure(measure).setInterval(GetImpactSeriesRequest.Interval.QUARTER)
                    .setStartPeriod(year + "-Q1").setEndPeriod(year + "-Q4").build()));
        }
        List<Object> answers = SideBySide.all(calls);
        Impact impact = (Impact) answers.get(0);
        List<MeasureTable> tables = new ArrayList<>();
        for (int i = 0; i < MEASURES.size(); i++) {
            tables.add(table(MEASURES.get(i), impact, (ImpactSeries) answers.get(i + 1)));
        }
        model.addAttribute("year", year);
        model.addAttribute("impact", impact);
        model.addAttribute("tables", tables);
        model.addAttribute("network", NETWORK.equals(name));
        return "impact";
    }

    private MeasureTable table(Measure measure, Impact impact, ImpactSeries series) {
        String titleKey = "measure." + measure.name();
        String title = messages.getMessage(titleKey, null, LocaleContextHolder.getLocale());
        List<Row> rows = new ArrayList<>();
        List<BarChart.Bar> bars = new ArrayList<>();
        for (ImpactSeries.Point point : series.getPointsList()) {
            String period = Periods.label(point.getPeriod());
            Figure figure = point.getFigure();
            rows.add(new Row(period, Figures.words(figure), Figures.keptBack(figure)));
            bars.add(new BarChart.Bar(period, Figures.value(figure), Figures.words(figure)));
        }
        String yearWords = impact.getFiguresList().stream().filter(f -> f.getMeasure() == measure).findFirst()
                .map(Figures::words).orElse(Figures.NOT_SHOWN);
        String chartTitle = messages.getMessage("impact.chart.title", new Object[] {title}, LocaleContextHolder.getLocale());
        String id = "chart-" + measure.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return new MeasureTable(measure.name(), titleKey, yearWords, rows, BarChart.svg(id, chartTitle, bars));
    }

    private ResponseEntity<byte[]> csv(String name, String measure, int year) {
        Measure table = MEASURES.stream().filter(m -> m.name().equals(measure)).findFirst()
                .orElseThrow(() -> Status.NOT_FOUND.asRuntimeException());
        ImpactTable file = platform.reporting().exportImpactTable(ExportImpactTableRequest.newBuilder()
                .setName(name).setTable(table.name()).setYear(year).build());
        String fileName = file.getFileName().isBlank() ? "chorus-impact-" + table.name() + "-" + year + ".csv" : file.getFileName();
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .body(file.getContent().toByteArray());
    }

    /** The year asked for, or this one; a year reporting cannot have is a page that does not exist. */
    static int year(Integer asked) {
        int now = LocalDate.now(Dates.UK).getYear();
        if (asked == null) {
            return now;
        }
        if (asked < 2000 || asked > now + 1) {
            throw Status.NOT_FOUND.asRuntimeException();
        }
        return asked;
    }
}
