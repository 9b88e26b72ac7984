from courses.selectors.staff import assignment_on, staff_on

__all__ = ["assignment_on", "staff_on"]
