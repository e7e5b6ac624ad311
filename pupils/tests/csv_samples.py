"""MIS exports as the tests use them: SIMS-style and Arbor-style headers."""

from pupils.upn import make_upn

UPN_1 = make_upn(999, 4001, 19, 1)
UPN_2 = make_upn(999, 4001, 19, 2)
UPN_3 = make_upn(999, 4001, 19, 3)

SIMS_HEADER = ("UPN,Legal Surname,Legal Forename,Preferred Forename,DOB,Gender,Year,Reg Group,"
               "FSM Eligible,Pupil Premium,EAL,SEN Status,In LA Care,Admission Date")


def sims_csv(*rows: str) -> str:
    return "\n".join([SIMS_HEADER, *rows]) + "\n"


GOOD_SIMS = sims_csv(
    f"{UPN_1},Fernhollow,Ada,Addie,14/03/2019,F,2,2T,Y,Y,N,K,N,01/09/2023",
    f"{UPN_2},Larkspur,Ben,,02/11/2018,M,2,2T,N,N,Y,N,N,01/09/2023",
    f"{UPN_3},Mossley,Cara,,20/06/2016,F,Year 4,4T,N,Y,N,E,Y,01/09/2021",
)

ARBOR_CSV = (
    "First name,Last name,Preferred first name,Date of birth,UPN,Year group,Registration form,Gender,"
    "Pupil premium,FSM,SEN status,Looked after,Start date\n"
    f"Ada,Fernhollow,,2019-03-14,{UPN_1},Year 2,2T,Female,Yes,Yes,SEN support,No,2023-09-01\n"
)
