"""The plan's figures (not demo data): ICT-literacy items per role and yearly targets
for FY2022–FY2026 (令和4–8年度): manager 2, leader 4, general 1, ICT department 4,
security training required every year."""

from django.db import migrations

COMPETENCIES = [
    ("digital-thinking", "デジタル思考", ""),
    ("manager-bpr", "デジタルベースのBPRを推進していく能力", "manager"),
    ("manager-ict-management", "ICTを活用した業務の総合管理能力", "manager"),
    ("manager-system-oversight", "担当部門のシステム総括管理能力", "manager"),
    ("manager-risk", "所管システム及び情報のリスクマネジメント能力", "manager"),
    ("leader-advanced-ict", "ICT先進技術を活用した業務改善能力", "leader"),
    ("leader-rpa", "RPA等ICTを活用した業務執行能力", "leader"),
    ("leader-system-operation-management", "担当部門のシステム運用管理能力", "leader"),
    ("leader-coaching", "一般職員へのICT, 情報セキュリティ指導能力", "leader"),
    ("general-system-operation", "担当部門のシステム運用能力", "general"),
    ("general-ict-basics", "ICTに関する基礎的知識", "general"),
    ("general-security", "情報セキュリティについての知識", "general"),
    ("ict-bpr-systems", "BPRにより改善された業務プロセスのシステム化に関する知識", "ict"),
    ("ict-management", "全庁のICTに関するマネジメント能力", "ict"),
    ("ict-advanced", "ICT先進技術に関する知識", "ict"),
    ("ict-operations", "システム運用管理に関する知識", "ict"),
    ("ict-security-risk", "情報セキュリティのリスク抑制, 対処に関する知識", "ict"),
]

TARGETS = {"manager": 2, "leader": 4, "general": 1, "ict": 4}
PLAN_YEARS = range(2022, 2027)


def seed(apps, schema_editor):
    Competency = apps.get_model("courses", "Competency")
    Target = apps.get_model("courses", "Target")
    for order, (code, label, role) in enumerate(COMPETENCIES):
        Competency.objects.update_or_create(code=code, defaults={"label": label, "role": role, "order": order})
    for fiscal_year in PLAN_YEARS:
        for role, required in TARGETS.items():
            Target.objects.get_or_create(
                fiscal_year=fiscal_year,
                role=role,
                defaults={"participations_required": required, "security_required": True},
            )


class Migration(migrations.Migration):
    dependencies = [("courses", "0002_competency_course_completion_exemption_and_more")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
