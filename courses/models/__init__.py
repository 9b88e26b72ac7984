from courses.models.staff import Assignment, Department, Role, Staff

__all__ = ["Assignment", "Department", "Role", "Staff"]
