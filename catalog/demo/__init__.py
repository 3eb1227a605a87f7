"""The generated demo shop: its products (`shop`), and their photos drawn from garment
outlines (`shapes`), fabrics (`patterns`) and light (`art`).
"""
