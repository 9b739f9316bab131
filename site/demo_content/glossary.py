"""Acronyms from the practice of IOM, in the project's own words."""

GLOSSARY = [
    (
        "ASBO",
        "Anti-Social Behaviour Order",
        "A civil order restricting behaviour, replaced in 2014 by injunctions and criminal "
        "behaviour orders.",
    ),
    ("BCU", "Basic Command Unit", "A police area within a force, usually led by a superintendent."),
    (
        "CJS",
        "Criminal Justice System",
        "The agencies that together deal with crime, from arrest to the end of a sentence.",
    ),
    (
        "CSP",
        "Community Safety Partnership",
        "The local statutory partnership of police, "
        "councils, probation, health and fire services that works to reduce crime and "
        "reoffending.",
    ),
    (
        "DIP",
        "Drug Interventions Programme",
        "A programme from 2003 that reached adults who use "
        "Class A drugs through custody suites and prisons and referred them to treatment.",
    ),
    (
        "ECHR",
        "European Convention on Human Rights",
        "The treaty whose rights, including "
        "Article 8, the Human Rights Act 1998 brings into UK law.",
    ),
    (
        "IOM",
        "Integrated Offender Management",
        "Police, probation and partner agencies jointly "
        "managing locally chosen prolific offenders, whether or not they are under statutory "
        "supervision.",
    ),
    (
        "MAPPA",
        "Multi-Agency Public Protection Arrangements",
        "Statutory arrangements for "
        "managing sexual and violent offenders who pose a risk of serious harm.",
    ),
    (
        "NOMS",
        "National Offender Management Service",
        "The agency created in 2004 to bring prison and probation services together.",
    ),
    (
        "OMM",
        "Offender Management Model",
        "The operational model for managing an offender from sentence to the end of supervision.",
    ),
    (
        "PbR",
        "Payment by Results",
        "Commissioning in which part of a provider’s payment depends on the outcomes achieved.",
    ),
    (
        "PPO",
        "Prolific and other Priority Offender programme",
        "The 2004 programme that "
        "targeted the small group of people responsible for a large share of crime.",
    ),
    (
        "PYO",
        "Persistent Young Offender",
        "A young person sentenced on three or more separate "
        "occasions, a focus of youth justice targets.",
    ),
    (
        "RNR",
        "Risk-Need-Responsivity",
        "Principles for effective rehabilitation: match "
        "intensity to risk, target needs linked to offending, and work in ways the person can "
        "respond to.",
    ),
    (
        "YOT",
        "Youth Offending Team",
        "The multi-agency local team that works with children who offend.",
    ),
]
