from classes.models.centre import RESERVED_SLUGS, WEEKDAY_LETTERS, Centre, ClassTarget, Town
from classes.models.instructor import Instructor, InstructorTraining
from classes.models.smartphone_class import (
    MAX_PARTY_SIZE,
    AgeBand,
    Channel,
    PhoneCall,
    SignUp,
    SmartphoneClass,
    Topic,
)

__all__ = [
    "MAX_PARTY_SIZE",
    "RESERVED_SLUGS",
    "WEEKDAY_LETTERS",
    "AgeBand",
    "Centre",
    "Channel",
    "ClassTarget",
    "Instructor",
    "InstructorTraining",
    "PhoneCall",
    "SignUp",
    "SmartphoneClass",
    "Topic",
    "Town",
]
