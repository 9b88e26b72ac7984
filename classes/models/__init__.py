from classes.models.centre import RESERVED_SLUGS, Centre, ClassTarget
from classes.models.instructor import Instructor, InstructorTraining
from classes.models.smartphone_class import AgeBand, Channel, SignUp, SmartphoneClass, Topic

__all__ = [
    "RESERVED_SLUGS",
    "AgeBand",
    "Centre",
    "Channel",
    "ClassTarget",
    "Instructor",
    "InstructorTraining",
    "SignUp",
    "SmartphoneClass",
    "Topic",
]
