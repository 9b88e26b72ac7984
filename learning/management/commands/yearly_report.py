"""Write the yearly progress report for the meeting's papers and for open data:
the PDF, every chart as PNG and every table as CSV (aggregates only, no personal data)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from learning import charts, fiscal
from learning.pdf import render_report_pdf
from learning.progress import report_for
from learning.report_charts import rates_figure, trend_figure
from learning.report_views import table_csv


class Command(BaseCommand):
    help = "Write the yearly progress report (PDF, chart PNGs, table CSVs) to a directory."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fy",
            type=int,
            default=None,
            help="fiscal year, e.g. 2026 (default: the running year)",
        )
        parser.add_argument(
            "--out", required=True, help="directory to write into (created if missing)"
        )

    def handle(self, *args, **options):
        fy = options["fy"] or fiscal.current_fiscal_year()
        if not 2000 <= fy <= 2100:
            raise CommandError(f"--fy {fy} is not a fiscal year")
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"[1/4] computing the figures for FY{fy} …")
        report = report_for(fy)
        written = []
        self.stdout.write("[2/4] drawing the charts …")
        for name, build in (("rates", rates_figure), ("trend", trend_figure)):
            path = out / f"chart-{name}-{fy}.png"
            path.write_bytes(charts.render(build(report=report), fmt="png"))
            written.append(path)
        self.stdout.write("[3/4] writing the tables as CSV …")
        for key in ["lines", *(table.key for table in report.tables)]:
            path = out / f"{key}-{fy}.csv"
            path.write_bytes(table_csv(report, key))
            written.append(path)
        self.stdout.write("[4/4] rendering the PDF …")
        path = out / f"progress-report-{fy}.pdf"
        path.write_bytes(render_report_pdf(report))
        written.append(path)
        for path in written:
            self.stdout.write(f"  wrote {path} ({path.stat().st_size:,} bytes)")
        state = f"closed {report.closed_at}" if report.closed_at else "live figures"
        self.stdout.write(self.style.SUCCESS(f"FY{fy} report written ({state})."))
