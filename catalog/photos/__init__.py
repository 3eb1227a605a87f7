"""Search by a garment photo: the garment cut from its backdrop (`mask`), its features
(`features`, `colors`), the catalog's photo index (`index`) and the ranked query (`query`).
"""
